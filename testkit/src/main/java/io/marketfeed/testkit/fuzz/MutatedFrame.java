package io.marketfeed.testkit.fuzz;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A frame of a corpus (a provider's recorded frames) mutated: which one, and how. A value, so a property-testing
 * library shows it and shrinks it ({@code MutatedFrame[base=3, mutations=[SWAP_TYPE(5, 17)]]}).
 *
 * @param base the frame's index in the corpus (modulo its size)
 * @param mutations applied in turn
 */
public record MutatedFrame(int base, List<Mutation> mutations) {

    public MutatedFrame {
        mutations = List.copyOf(requireNonNull(mutations, "mutations is null"));
    }

    /** The frame, from {@code corpus}. */
    public FuzzFrame of(List<FuzzFrame> corpus) {
        return Mutation.applyAll(corpus.get(Math.floorMod(base, corpus.size())), mutations);
    }

    /**
     * The frame grown by {@link Mutator#repeat}: an element of it ({@code at} picks it) repeated until it is about
     * {@code kib} KiB long.
     */
    public FuzzFrame repeated(List<FuzzFrame> corpus, int at, int kib) {
        return Mutator.repeat(of(corpus), at, kib * 1024);
    }
}

package io.marketfeed.testkit.fuzz;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * What every provider's decoder fuzzing draws from, as a base for its jqwik property class: recorded frames with
 * mutations applied ({@link #mutated}), and the providers {@code "long"} (a frame to repeat into a long one),
 * {@code "spots"} (where in it) and {@code "kib"} (how long, 16 KiB to 2 MiB), for properties such as
 *
 * {@snippet :
 * class TestAcmeFuzz extends DecoderFuzzProperties {
 *     private static final List<FuzzFrame> FRAMES = FuzzFrame.resources(TestAcmeFuzz.class, "/acme/frames");
 *
 *     protected List<FuzzFrame> frames() {
 *         return FRAMES;
 *     }
 *
 *     @Property(tries = 60)
 *     void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
 *             @ForAll("kib") int kib) {
 *         PROBE.decode(session(), frame.repeated(FRAMES, at, kib));
 *     }
 * }
 * }
 *
 * <p>Stateless: jqwik makes an instance per property.
 */
public abstract class DecoderFuzzProperties {

    /** The recorded frames the mutations start from (see {@link FuzzFrame#resources}). */
    protected abstract List<FuzzFrame> frames();

    /** A recorded frame with up to two mutations, to be repeated into a long frame. */
    @Provide("long")
    public Arbitrary<MutatedFrame> longFrames() {
        return mutated(0, 2);
    }

    /** Where in a frame a repetition starts. */
    @Provide("spots")
    public Arbitrary<Integer> spots() {
        return uniform(0, 1 << 16);
    }

    /** How long a long frame is, in KiB. */
    @Provide("kib")
    public Arbitrary<Integer> kib() {
        return uniform(16, 2048);
    }

    /** One of {@link #frames()} with {@code min} to {@code max} mutations applied. */
    protected final Arbitrary<MutatedFrame> mutated(int min, int max) {
        Arbitrary<Integer> numbers = uniform(0, 1 << 16);
        Arbitrary<List<Mutation>> mutations = Combinators.combine(Arbitraries.of(Mutator.class), numbers, numbers)
                .as(Mutation::new).list().ofMinSize(min).ofMaxSize(max);
        return Combinators.combine(Arbitraries.integers().between(0, frames().size() - 1), mutations)
                .as(MutatedFrame::new);
    }

    /** Integers from {@code min} to {@code max}, evenly. */
    protected static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** Up to 18 digits, 0 to 8 of them decimals; negative ones too when {@code signed}. */
    protected static Arbitrary<BigDecimal> decimals(boolean signed) {
        return Combinators.combine(Arbitraries.longs().between(signed ? -999_999_999_999_999_999L : 0,
                999_999_999_999_999_999L), Arbitraries.integers().between(0, 8)).as(BigDecimal::valueOf);
    }
}

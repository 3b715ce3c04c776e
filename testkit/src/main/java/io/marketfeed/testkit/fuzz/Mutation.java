package io.marketfeed.testkit.fuzz;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One mutation: a {@link Mutator} and the two numbers that say where and how it mutates. A value, so a failing
 * case reads as, and is replayed from, its mutations: {@code [SWAP_TYPE(3, 17), TRUNCATE(0, 2)]}.
 *
 * {@snippet :
 * FuzzFrame mutated = Mutation.applyAll(FuzzFrame.text(quote), List.of(new Mutation(Mutator.SWAP_TYPE, 3, 17)));
 * }
 *
 * @param at where: a token, value, member or byte, modulo their number (non-negative)
 * @param arg how: a replacement, depth or count, modulo the choices (non-negative)
 */
public record Mutation(Mutator mutator, int at, int arg) {

    public Mutation {
        requireNonNull(mutator, "mutator is null");
        if (at < 0 || arg < 0) {
            throw new IllegalArgumentException("at and arg must not be negative: " + at + ", " + arg);
        }
    }

    /** The frame mutated. */
    public FuzzFrame apply(FuzzFrame frame) {
        return mutator.apply(frame, at, arg);
    }

    /** The frame mutated by each mutation in turn. */
    public static FuzzFrame applyAll(FuzzFrame frame, List<Mutation> mutations) {
        FuzzFrame mutated = frame;
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        return mutated;
    }

    /** A random mutation, for fuzzing without a property-testing library. */
    public static Mutation random(Random random) {
        Mutator[] mutators = Mutator.values();
        return new Mutation(mutators[random.nextInt(mutators.length)], random.nextInt(1 << 16),
                random.nextInt(1 << 16));
    }

    /** One to {@code max} random mutations. */
    public static List<Mutation> random(Random random, int max) {
        int count = 1 + random.nextInt(max);
        List<Mutation> mutations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mutations.add(random(random));
        }
        return mutations;
    }

    @Override
    public String toString() {
        return mutator + "(" + at + ", " + arg + ")";
    }
}

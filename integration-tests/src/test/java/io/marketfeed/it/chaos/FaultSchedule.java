package io.marketfeed.it.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded random fault schedule: the same seed gives the same faults in the same order (which connection of a
 * simulation a one-connection fault hits is the same index into its open connections). Kinds are drawn from a
 * shuffled bag, so every {@link FaultKind} comes once in each run of {@code FaultKind.values().length} faults.
 *
 * <p>Owned by the chaos thread.
 */
final class FaultSchedule {

    private static final int[] DROP_CODES = {1001, 1011, 1012};
    /** Codes no provider treats as fatal or as a long back-off (the Screener waits 60 s after 1008). */
    private static final int[] CLOSE_CODES = {1011, 1013, 4000};

    private final long seed;
    private final Random random;
    private final List<FaultKind> bag = new ArrayList<>();
    private int drawn;

    FaultSchedule(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    long seed() {
        return seed;
    }

    /** The next fault. */
    Fault next() {
        if (bag.isEmpty()) {
            bag.addAll(List.of(FaultKind.values()));
            Collections.shuffle(bag, random);
        }
        FaultKind kind = bag.remove(bag.size() - 1);
        List<String> simulations = new ArrayList<>(kind.simulations());
        Collections.sort(simulations);
        String simulation = simulations.get(random.nextInt(simulations.size()));
        boolean one = kind != FaultKind.REFUSE && kind != FaultKind.LIMITS && random.nextBoolean();
        int pick = random.nextInt(1000);
        Duration duration = Duration.ZERO;
        int code = 0;
        int count = 0;
        int piece = 0;
        Duration pace = Duration.ZERO;
        switch (kind) {
            case DROP -> code = DROP_CODES[random.nextInt(DROP_CODES.length)];
            case CLOSE -> code = CLOSE_CODES[random.nextInt(CLOSE_CODES.length)];
            case STALL -> duration = millis(500, 5000);
            case MALFORMED -> count = 1 + random.nextInt(20);
            case GHOST -> count = 1 + random.nextInt(10);
            case REFUSE -> duration = millis(500, 3000);
            case LIMITS -> duration = millis(1000, 3000);
            case SLOW_READING -> {
                duration = millis(500, 4000);
                pace = random.nextBoolean() ? Duration.ZERO : millis(50, 300);
            }
            case PARTIAL_FRAMES -> {
                duration = millis(500, 4000);
                piece = 1 + random.nextInt(16);
                pace = millis(0, 5);
            }
            default -> {
            }
        }
        return new Fault(++drawn, kind, simulation, one, pick, duration, code, count, piece, pace);
    }

    private Duration millis(int from, int to) {
        return Duration.ofMillis(from + random.nextInt(to - from + 1));
    }
}

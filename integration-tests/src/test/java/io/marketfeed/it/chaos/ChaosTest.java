package io.marketfeed.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Chaos in CI: the four providers' simulations and one {@link io.marketfeed.runtime.MarketFeed} with all four
 * providers, several connections each, under a seeded random fault schedule of at least 60 s (every fault kind of
 * the simulator, one at a time), the {@link Invariants} checked after every fault window, then a drop-only phase
 * until 300 reconnects since the baseline, heap and threads compared with it, and last a fatal refusal that must
 * fail SAHMK alone (the FAILED path, kept out of the schedule, whose every window must recover).
 *
 * <p>The seed is fresh each run ({@link System#nanoTime()}) unless {@code -Dchaos.seed=N} replays one; it is printed
 * first, and every failure names it. {@code -Dchaos.seconds=N} changes the schedule's length.
 */
class ChaosTest {

    static final long RECONNECTS = 300;

    @Test
    void everyFaultWindowRecoversWithItsInvariants() {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Duration length = Duration.ofSeconds(Long.getLong("chaos.seconds", 60));
        System.out.println("chaos seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
        // DEBUG lines per frame would dominate the run and, kept by the suite's log capture, the heap it measures.
        Logger runtimeLogs = (Logger) LoggerFactory.getLogger("io.marketfeed");
        Level level = runtimeLogs.getLevel();
        runtimeLogs.setLevel(Level.INFO);
        try (ChaosRig rig = ChaosRig.start(seed)) {
            rig.setups().values().forEach(setup -> System.out.println("chaos bound " + setup.describeBound(
                    ChaosRig.RECONNECT, ChaosRig.CONNECT_TIMEOUT)));
            ChaosRun run = new ChaosRun(rig, new FaultSchedule(seed), System.out);
            run.warmUp();
            run.schedule(length);
            run.markMidpoint();
            run.dropUntil(Long.getLong("chaos.reconnects", RECONNECTS));
            ChaosFigures figures = run.figures();
            System.out.println("chaos figures " + figures.summary());
            assertEquals(EnumSet.allOf(FaultKind.class), EnumSet.copyOf(figures.faults().keySet()),
                    "seed " + seed + ": every fault kind ran");
            run.checkFlat(figures);
            run.fatalRefusal("sahmk", 4401, "Invalid API key");
        } finally {
            runtimeLogs.setLevel(level);
        }
    }
}

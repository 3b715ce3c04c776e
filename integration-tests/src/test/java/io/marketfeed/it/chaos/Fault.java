package io.marketfeed.it.chaos;

import io.marketfeed.simulator.FaultControl;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.Target;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * One fault of the schedule, drawn from the seed: what, where, how long, with which values. {@link #apply} injects
 * it; timed faults end by themselves ({@link #duration}) and {@link #end} clears what does not (refusal, limits).
 *
 * @param number its place in the schedule, from 1
 * @param kind what
 * @param simulation which provider's simulation
 * @param oneConnection only one of its connections (the {@code pick}-th open one), else all
 * @param pick which connection, modulo the open ones
 * @param duration how long a timed fault lasts; zero for instant ones
 * @param code close code for DROP and CLOSE
 * @param count frames for MALFORMED and GHOST
 * @param pieceChars fragment size for PARTIAL_FRAMES
 * @param pace pause between fragments, or per message read for SLOW_READING (zero: reading stops)
 */
record Fault(int number, FaultKind kind, String simulation, boolean oneConnection, int pick, Duration duration,
        int code, int count, int pieceChars, Duration pace) {

    /** A symbol no provider is configured with. */
    static final String GHOST_SYMBOL = "GHOST9";

    /** Injects the fault; returns the connections it touched (0 for handshake-level faults). */
    int apply(Simulation target) {
        FaultControl faults = target.faults();
        Target where = target(target);
        return switch (kind) {
            case DROP -> faults.drop(where, true, code);
            case DROP_ABRUPT -> faults.drop(where, false, 1006);
            case CLOSE -> faults.close(where, code, "chaos " + number);
            case STALL -> faults.stall(where, duration);
            case MALFORMED -> faults.sendMalformed(where, count);
            case GHOST -> faults.pushGhost(where, GHOST_SYMBOL, count);
            case REFUSE -> {
                faults.refuse(duration);
                yield faults.drop(where, false, 1006);
            }
            case LIMITS -> {
                faults.setLimits(OptionalInt.empty(), OptionalInt.of(1), true);
                yield faults.drop(where, true, 1012);
            }
            case SLOW_READING -> faults.slowReading(where, pace, duration);
            case PARTIAL_FRAMES -> faults.partialFrames(where, pieceChars, pace, duration);
        };
    }

    /** Clears what does not end by itself; called when {@link #duration} has passed. */
    void end(Simulation target) {
        if (kind == FaultKind.LIMITS) {
            target.faults().clearLimits();
        }
    }

    /** Whether the simulation shows no trace of the fault any more. */
    boolean over(Simulation target) {
        if (target.faults().refusingNow()) {
            return false;
        }
        for (var connection : target.observation().connections()) {
            if (connection.stalled()) {
                return false;
            }
        }
        return true;
    }

    private Target target(Simulation simulation) {
        if (!oneConnection) {
            return Target.all();
        }
        List<Long> ids = simulation.observation().connections().stream().map(c -> c.id()).toList();
        return ids.isEmpty() ? Target.all() : Target.connection(ids.get(Math.floorMod(pick, ids.size())));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("#").append(number).append(' ').append(kind.label()).append(' ')
                .append(simulation).append(oneConnection ? " (one connection)" : " (all connections)");
        switch (kind) {
            case DROP, CLOSE -> text.append(" code ").append(code);
            case MALFORMED, GHOST -> text.append(" x").append(count);
            case PARTIAL_FRAMES -> text.append(" pieces of ").append(pieceChars).append(" chars ")
                    .append(pace.toMillis()).append(" ms apart");
            case SLOW_READING -> text.append(pace.isZero() ? " stopped" : " one message per " + pace.toMillis()
                    + " ms");
            default -> {
            }
        }
        if (!duration.isZero()) {
            text.append(" for ").append(ProviderSetup.seconds(duration));
        }
        return text.toString();
    }
}

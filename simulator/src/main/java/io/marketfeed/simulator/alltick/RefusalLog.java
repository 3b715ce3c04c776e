package io.marketfeed.simulator.alltick;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an {@link AlltickSimulation} refused, oldest first and at most {@value #MAX_REFUSALS}, and how many request
 * traces repeated an earlier one. Shared by the Jetty threads of every connection: the refusals under this log's
 * lock, the trace count atomic.
 */
final class RefusalLog {

    private static final int MAX_REFUSALS = 10_000;

    private final Deque<Refusal> refusals = new ArrayDeque<>();
    private final AtomicLong duplicateTraces = new AtomicLong();

    synchronized void add(Refusal refusal) {
        if (refusals.size() == MAX_REFUSALS) {
            refusals.removeFirst();
        }
        refusals.addLast(refusal);
    }

    synchronized List<Refusal> all() {
        return List.copyOf(refusals);
    }

    void duplicateTrace() {
        duplicateTraces.incrementAndGet();
    }

    long duplicateTraces() {
        return duplicateTraces.get();
    }
}

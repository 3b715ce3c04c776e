package io.marketfeed.it.chaos;

import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The invariants checked after each fault window, each a condition awaited with a timeout taken from the
 * configuration ({@link ChaosRig#bound}). A violation throws {@link ChaosViolation} naming the seed, the fault and
 * the invariant.
 *
 * <p>Owned by the chaos thread.
 */
final class Invariants {

    private static final long POLL_MILLIS = 10;

    private final ChaosRig rig;
    private final long seed;
    private final BlindWindows windows = new BlindWindows();
    private final Clock clock = Clock.systemUTC();

    Invariants(ChaosRig rig, long seed) {
        this.rig = rig;
        this.seed = seed;
    }

    BlindWindows windows() {
        return windows;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Checks everything after the window of {@code fault} (a description) ended at {@code end}; returns how long
     * each provider took until every one of its symbols had data again.
     */
    Map<String, Duration> afterWindow(String fault, Instant end) {
        alive(fault);
        Map<String, Duration> recovery = resumed(fault, end);
        alive(fault);
        gapsCoverBlindWindows(fault);
        noStrayEvents(fault);
        noSymbolTwice(fault);
        return recovery;
    }

    /** No provider failed, no listener threw. */
    void alive(String fault) {
        FeedSnapshot snapshot = rig.feed().snapshot();
        for (ProviderSnapshot provider : snapshot.providers()) {
            if (provider.failed()) {
                throw violation(fault, "alive", provider.provider() + " failed: " + provider.failure());
            }
        }
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            if (listener.failures() > 0) {
                throw violation(fault, "alive", "listener " + listener.name() + " threw " + listener.failures()
                        + " times");
            }
        }
        if (rig.feed().allProvidersFailed().isDone()) {
            throw violation(fault, "alive", "every provider failed");
        }
    }

    /** Every subscribed symbol of every provider has data after {@code end}, within its provider's bound. */
    Map<String, Duration> resumed(String fault, Instant end) {
        Map<String, Duration> recovery = new LinkedHashMap<>();
        Map<String, Duration> bounds = new HashMap<>();
        rig.setups().keySet().forEach(provider -> bounds.put(provider, rig.bound(provider)));
        while (recovery.size() < bounds.size()) {
            Instant now = now();
            for (ProviderSetup setup : rig.setups().values()) {
                if (recovery.containsKey(setup.id())) {
                    continue;
                }
                List<String> waiting = waitingFor(setup, end);
                if (waiting.isEmpty()) {
                    recovery.put(setup.id(), Duration.between(end, now));
                } else if (Duration.between(end, now).compareTo(bounds.get(setup.id())) > 0) {
                    throw violation(fault, "data resumes within " + ProviderSetup.seconds(bounds.get(setup.id())),
                            setup.id() + " symbols without data since the window ended: " + waiting
                                    + "; connections: " + connections(setup.id()));
                }
            }
            pause();
        }
        return recovery;
    }

    /** Every symbol of one provider has data after {@code end}, within its bound; returns how long it took. */
    Duration resumedFor(String fault, ProviderSetup setup, Instant end) {
        Duration bound = rig.bound(setup.id());
        await(fault, setup.id() + " data resumes", bound, () -> waitingFor(setup, end).isEmpty(),
                () -> "waiting for " + waitingFor(setup, end) + "; connections: " + connections(setup.id()));
        return Duration.between(end, now());
    }

    private List<String> waitingFor(ProviderSetup setup, Instant end) {
        List<String> waiting = new ArrayList<>();
        for (String symbol : setup.symbols()) {
            Instant last = rig.recorder().lastData(setup.id(), symbol);
            if (last == null || !last.isAfter(end)) {
                waiting.add(symbol);
            }
        }
        return waiting;
    }

    /** Every closed blind window is covered by a gap event; no window is left open. */
    void gapsCoverBlindWindows(String fault) {
        await(fault, "every blind window covered by a gap event", rig.longestBound(), () -> {
            windows.update(rig.recorder().takeConnectionEvents(), rig.recorder().takeGaps());
            return windows.uncovered().isEmpty() && windows.open().isEmpty();
        }, () -> "uncovered " + windows.uncovered() + ", still open " + windows.open());
    }

    /** No event for a symbol that is not subscribed. */
    void noStrayEvents(String fault) {
        if (!rig.recorder().strays().isEmpty()) {
            throw violation(fault, "no event for an unsubscribed symbol", rig.recorder().strays().toString());
        }
    }

    /** No symbol is subscribed on two open connections of one endpoint, nor twice on one connection. */
    void noSymbolTwice(String fault) {
        for (String provider : rig.setups().keySet()) {
            Simulation simulation = rig.simulation(provider);
            await(fault, "no symbol subscribed twice at once", rig.bound(provider),
                    () -> twice(simulation).isEmpty(), () -> provider + ": " + twice(simulation));
            long repeated = simulation.observation().duplicateSubscribeCount();
            if (repeated > 0) {
                throw violation(fault, "no symbol subscribed twice on one connection", provider + ": "
                        + simulation.observation().duplicateSubscribes());
            }
        }
    }

    /** Subscriptions held by more than one open connection of the same path, with the connections. */
    static Map<String, List<Long>> twice(Simulation simulation) {
        Map<String, List<Long>> holders = new LinkedHashMap<>();
        for (ConnectionInfo connection : simulation.observation().connections()) {
            for (String subscription : connection.subscriptions()) {
                holders.computeIfAbsent(connection.path() + " " + subscription, k -> new ArrayList<>())
                        .add(connection.id());
            }
        }
        holders.values().removeIf(ids -> ids.size() < 2);
        return holders;
    }

    private String connections(String provider) {
        return rig.feed().snapshot().providers().stream().filter(p -> p.provider().equals(provider))
                .flatMap(p -> p.connections().stream())
                .map(c -> c.connection() + " " + c.state().label() + (c.reason() == null ? "" : " (" + c.reason()
                        + ")"))
                .toList().toString();
    }

    void await(String fault, String invariant, Duration timeout, BooleanSupplier condition,
            Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw violation(fault, invariant + " (within " + ProviderSetup.seconds(timeout) + ")", detail.get());
            }
            pause();
        }
    }

    ChaosViolation violation(String fault, String invariant, String detail) {
        return new ChaosViolation("chaos seed " + seed + " (replay with -Dchaos.seed=" + seed + "), fault " + fault
                + ", invariant '" + invariant + "' violated: " + detail);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking invariants", e);
        }
    }

    /** An invariant did not hold. */
    static final class ChaosViolation extends AssertionError {

        private static final long serialVersionUID = 1L;

        ChaosViolation(String message) {
            super(message);
        }
    }
}

package io.marketfeed.simulator.sahmk;

import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.MarketGenerator.Step;
import io.marketfeed.simulator.SimulatedConnection;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fans generator steps out to the connections subscribed to them: quotes on the quotes channel, depth snapshots
 * on the depth channel, trades on the trades channel. Each message text is built once per step and shared by all
 * connections that want it. Runs on the scheduler thread (or a test's thread).
 */
final class SahmkPublisher {

    private final SahmkSimulation simulation;

    SahmkPublisher(SahmkSimulation simulation) {
        this.simulation = simulation;
    }

    /** Sends the steps to subscribers; returns the number of frames queued. */
    int publish(List<Step> steps) {
        Map<String, Step> bySymbol = new LinkedHashMap<>();
        steps.forEach(step -> bySymbol.put(step.quote().symbol(), step));
        Messages messages = new Messages(bySymbol, simulation.now());
        int[] sent = {0};
        for (SimulatedConnection connection : simulation.openConnections()) {
            if (!(connection.handler() instanceof SahmkSession session) || !session.ready()) {
                continue;
            }
            // Under the connection's lock: a subscribe in progress finishes (ack sent) before data for it flows.
            connection.atomically(() -> {
                Set<String> subscriptions = connection.subscriptions();
                Iterable<String> wanted = subscriptions.contains("*") ? bySymbol.keySet() : subscriptions;
                for (String symbol : wanted) {
                    if (bySymbol.containsKey(symbol) && connection.send(messages.forSession(session, symbol))) {
                        sent[0]++;
                    }
                }
            });
        }
        return sent[0];
    }

    /** Lazily built, shared message texts for one publish round. */
    private final class Messages {

        private final Map<String, Step> steps;
        private final Instant now;
        private final Map<String, String> quotes = new HashMap<>();
        private final Map<String, String> trades = new HashMap<>();
        private final Map<String, BookState> books = new HashMap<>();
        private final Map<String, String> depth = new HashMap<>();

        Messages(Map<String, Step> steps, Instant now) {
            this.steps = steps;
            this.now = now;
        }

        String forSession(SahmkSession session, String symbol) {
            return switch (session.channel()) {
                case QUOTES -> quotes.computeIfAbsent(symbol,
                        key -> SahmkMessages.quote(steps.get(key).quote(), now));
                case TRADES -> trades.computeIfAbsent(symbol, key -> SahmkMessages.trade(steps.get(key).trade()));
                case DEPTH -> {
                    int levels = session.depthLevels(symbol);
                    yield depth.computeIfAbsent(symbol + "/" + levels, key -> SahmkMessages.depthSnapshot(
                            books.computeIfAbsent(symbol, ignored -> simulation.market().book(symbol,
                                    SahmkSession.MAX_DEPTH_LEVELS)).truncated(levels), levels));
                }
            };
        }
    }
}

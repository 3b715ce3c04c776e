package io.marketfeed.simulator.alltick;

import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.MarketGenerator.Step;
import io.marketfeed.simulator.SimulatedConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fans generator steps out to the connections whose served lists hold the code: a {@code 22998} trade for the
 * trade list, a {@code 22999} order book (cut to the levels asked for and the market's depth) for the order-book
 * list. Codes beyond the plan's limit are in the lists but never served. Each text is built once per step and
 * shared. Runs on the scheduler thread (or a test's thread).
 */
final class AlltickPublisher {

    private final AlltickSimulation simulation;

    AlltickPublisher(AlltickSimulation simulation) {
        this.simulation = simulation;
    }

    /** Sends the steps to subscribers; returns the number of frames queued. */
    int publish(List<Step> steps) {
        Map<String, String> tradeTexts = new HashMap<>();
        Map<String, String> depthTexts = new HashMap<>();
        int[] sent = {0};
        for (SimulatedConnection connection : simulation.openConnections()) {
            if (!(connection.handler() instanceof AlltickSession session) || !session.admitted()) {
                continue;
            }
            connection.atomically(() -> {
                List<String> trades = session.servedTrades();
                Map<String, Integer> depth = session.servedDepth();
                for (Step step : steps) {
                    String code = step.trade().symbol();
                    Instrument instrument = simulation.instrument(code);
                    if (instrument == null) {
                        continue;
                    }
                    if (trades.contains(code) && connection.send(tradeTexts.computeIfAbsent(code,
                            key -> simulation.tradeText(instrument, step)))) {
                        sent[0]++;
                    }
                    Integer asked = depth.get(code);
                    if (asked != null) {
                        int levels = Math.min(asked, instrument.kind().maxDepth());
                        String text = depthTexts.computeIfAbsent(code + "/" + levels,
                                key -> simulation.depthText(instrument, book(instrument, levels)));
                        if (connection.send(text)) {
                            sent[0]++;
                        }
                    }
                }
            });
        }
        return sent[0];
    }

    private BookState book(Instrument instrument, int levels) {
        return simulation.market().book(instrument.code(), levels);
    }
}

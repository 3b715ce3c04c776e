package io.marketfeed.simulator.screener;

import io.marketfeed.simulator.MarketGenerator;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Screener's market data: a seeded KRX-like random walk per stock, {@code price_update} and
 * {@code orderbook_update} to a stock's subscribers, and {@code market_status} to a market's subscribers every
 * {@code marketStatusEvery} updates. Messages take the simulation's clock and server-wide sequence. Thread safe: the
 * generator locks itself and the rest is atomic; the simulation's scheduler thread and tests publish concurrently.
 */
final class ScreenerMarketData {

    private final ScreenerSimulation simulation;
    private final MarketGenerator market;
    private final int marketStatusEvery;
    private final AtomicLong updates = new AtomicLong();
    private final Map<String, String> marketStatus = new ConcurrentHashMap<>();

    ScreenerMarketData(ScreenerSimulation simulation, ScreenerOptions options) {
        this.simulation = simulation;
        this.market = new MarketGenerator(options.universe(), options.seed(), ScreenerSimulation.KRX, options.clock());
        this.marketStatusEvery = options.marketStatusEvery();
    }

    /** One step of every stock subscribed on {@code connections}, and market status when due. */
    void tick(Collection<ScreenerConnection> connections) {
        Set<String> stocks = new TreeSet<>();
        Set<String> markets = new TreeSet<>();
        for (ScreenerConnection connection : connections) {
            Map<String, List<String>> subscribed = connection.subscriptions();
            stocks.addAll(subscribed.getOrDefault("stock", List.of()));
            markets.addAll(subscribed.getOrDefault("market", List.of()));
        }
        for (String stock : stocks) {
            publishStock(stock, connections);
        }
        if (updates.getAndIncrement() % marketStatusEvery == 0) {
            for (String name : markets) {
                publishMarketStatus(name, marketStatus.getOrDefault(name, "open"), connections);
            }
        }
    }

    /** One step of {@code code}: price_update and orderbook_update to its subscribers. */
    void publishStock(String code, Collection<ScreenerConnection> connections) {
        MarketGenerator.Step step = market.step(code);
        for (ScreenerConnection connection : connections) {
            if (connection.subscribed("stock", code)) {
                connection.enqueue(ScreenerMessages.priceUpdate(simulation.now(), simulation.nextSequence(),
                        step.quote()));
                connection.enqueue(ScreenerMessages.orderbook(simulation.now(), simulation.nextSequence(),
                        market.book(code, 5)));
            }
        }
    }

    /** market_status to the market's subscribers; later periodic messages repeat {@code status}. */
    void publishMarketStatus(String name, String status, Collection<ScreenerConnection> connections) {
        marketStatus.put(name, status);
        for (ScreenerConnection connection : connections) {
            if (connection.subscribed("market", name)) {
                connection.enqueue(ScreenerMessages.marketStatus(simulation.now(), simulation.nextSequence(), name,
                        status));
            }
        }
    }

    /** A price_update for {@code symbol} outside any subscription (the ghost fault). */
    String ghost(String symbol) {
        return ScreenerMessages.priceUpdate(simulation.now(), simulation.nextSequence(), market.step(symbol).quote())
                .full();
    }
}

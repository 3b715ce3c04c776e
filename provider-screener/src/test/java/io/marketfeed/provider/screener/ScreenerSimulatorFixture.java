package io.marketfeed.provider.screener;

import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.screener.ScreenerOptions;
import io.marketfeed.simulator.screener.ScreenerSimulation;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.LoopbackFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** A Screener simulator on a free loopback port and feeds pointed at it; everything stops after each test. */
abstract class ScreenerSimulatorFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<AutoCloseable> open = new ArrayList<>();
    final EventRecorder events = new EventRecorder();
    SimulatorServer server;
    ScreenerSimulation simulation;

    /** Updates every 100 ms; heartbeats every 200 ms. */
    static ScreenerOptions.Builder fast() {
        return ScreenerOptions.builder().updateInterval(Duration.ofMillis(100))
                .heartbeatInterval(Duration.ofMillis(200)).marketStatusEvery(2).seed(11);
    }

    void startSimulator(ScreenerOptions.Builder options) {
        simulation = new ScreenerSimulation(options.build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    Observation observed() {
        return simulation.observation();
    }

    MarketFeed startFeed(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("endpoint", ScreenerSimulation.baseUrl(server));
        values.put("limits.min-reconnect-gap", "20ms");
        values.put("limits.min-control-gap", "60ms");
        values.putAll(extra);
        MarketFeed feed = LoopbackFeed.start(new ScreenerProvider(), ProviderDefaults.with("screener", values), events);
        open.add(feed);
        return feed;
    }

    /** Client messages received by the simulator whose text contains {@code fragment}. */
    List<ReceivedMessage> received(String fragment) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (ReceivedMessage message : observed().received()) {
            if (message.text().contains(fragment)) {
                out.add(message);
            }
        }
        return out;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}

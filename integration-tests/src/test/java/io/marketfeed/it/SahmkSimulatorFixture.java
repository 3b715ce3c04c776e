package io.marketfeed.it;

import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.testkit.LoopbackFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/** A SAHMK simulator on a free loopback port and feeds pointed at it; everything stops after each test. */
abstract class SahmkSimulatorFixture {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Pattern SYMBOLS = Pattern.compile("\"symbols\"\\s*:\\s*\\[([^\\]]*)\\]");

    final List<AutoCloseable> open = new ArrayList<>();
    final EventRecorder events = new EventRecorder();
    SimulatorServer server;
    SahmkSimulation simulation;

    void startSimulator(SahmkOptions options) {
        simulation = new SahmkSimulation(options);
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    Observation observed() {
        return simulation.observation();
    }

    MarketFeed startFeed(String key, List<String> symbols, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("api-key", key);
        values.put("endpoint", "ws://127.0.0.1:" + server.port());
        values.put("symbols", symbols);
        values.putAll(extra);
        MarketFeed feed = LoopbackFeed.start(new SahmkProvider(), ProviderDefaults.with("sahmk", values), events);
        open.add(feed);
        return feed;
    }

    static List<String> symbolsIn(String message) {
        Matcher matcher = SYMBOLS.matcher(message);
        List<String> out = new ArrayList<>();
        if (matcher.find()) {
            for (String part : matcher.group(1).split(",")) {
                String symbol = part.trim().replace("\"", "");
                if (!symbol.isEmpty()) {
                    out.add(symbol);
                }
            }
        }
        return out;
    }

    List<ReceivedMessage> subscribes() {
        List<ReceivedMessage> out = new ArrayList<>();
        for (ReceivedMessage message : observed().received()) {
            if (message.text().contains("\"subscribe\"")) {
                out.add(message);
            }
        }
        return out;
    }

    Set<String> subscribedEverywhere() {
        Set<String> all = new HashSet<>();
        for (ConnectionInfo connection : observed().connections()) {
            all.addAll(connection.subscriptions());
        }
        return all;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}

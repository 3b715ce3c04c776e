package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.ReceivedFrame;
import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptedConnection;
import io.marketfeed.testkit.ScriptedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AllTick provider's "nothing happens" properties on virtual time, each over an hour, exactly: heartbeats keep a
 * quiet connection alive past the server's 30 s timeout, and codes beyond the plan are reported as not served once
 * (across a reconnect too). The real runtime and provider run on a {@link VirtualNetwork}; the server is scripted on
 * it as the simulator behaves ({@code simulator/…/alltick}): 22001 for each 22000, 22005 for each 22004, 22007 for
 * each 22006, trades (22998) every 10 s for the first {@value #PLAN_CODES} codes of the latest list (the rest
 * ignored without a word), and a close (1000) of any connection that sent no heartbeat for the server's timeout.
 * The provider's own settings are its defaults (a heartbeat every 10 s, stale after 30 s, not-served after 60 s).
 */
class TestAlltickFeedOnVirtualTime {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int PLAN_CODES = 5;
    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
    private static final Pattern SEQ_ID = Pattern.compile("\"seq_id\":(\\d+)");
    private static final Pattern TRACE = Pattern.compile("\"trace\":\"([^\"]*)\"");

    private final ManualScheduler scheduler = ManualScheduler.withDriver();
    private final VirtualNetwork network = new VirtualNetwork(scheduler);
    private final ScriptedServer server = ScriptedServer.on(network);
    private final EventRecorder events = new EventRecorder();
    private MarketFeed feed;
    private long seq;

    @AfterEach
    void stop() {
        try {
            if (feed != null) {
                feed.close();
            }
        } finally {
            server.close();
            scheduler.shutdownNow();
        }
    }

    @Test
    void heartbeatsKeepAQuietConnectionAliveForAnHourPastTheServersTimeout() {
        serve(Duration.ofSeconds(30), false);
        start(Map.of("plan", "premium", "trades.symbols", List.of("AAPL.US")));
        scheduler.advance(HOUR);

        assertEquals(1, server.handshakes().size(), "never replaced: " + server.handshakes());
        assertTrue(server.connections().get(0).isOpen(), "the server closed nothing");
        List<Duration> heartbeats = times("\"cmd_id\":22000");
        assertEquals(360, heartbeats.size(), "a heartbeat every 10 s for an hour");
        for (int i = 0; i < heartbeats.size(); i++) {
            assertEquals(Duration.ofSeconds(10L * (i + 1)), heartbeats.get(i), "heartbeat " + (i + 1));
        }
        ProviderSnapshot provider = feed.snapshot().providers().get(0);
        assertEquals(0, provider.activity().staleDetections() + provider.activity().reconnects(), provider.toString());
        feed.close();
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(), events.tail(10));
    }

    /** The twin: the same client against a server with a 5 s timeout is closed at its first check past it. */
    @Test
    void aServerWithAShorterTimeoutClosesTheConnection() {
        serve(Duration.ofSeconds(5), false);
        start(Map.of("plan", "premium", "trades.symbols", List.of("AAPL.US")));
        scheduler.advance(Duration.ofSeconds(6));

        ScriptedConnection first = server.connections().get(0);
        assertEquals(1000, first.closeCode().orElseThrow(), first.toString());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(2, server.handshakes().size(), "the client dialled again: " + server.handshakes());
    }

    @Test
    void codesBeyondThePlanAreReportedAsNotServedOnceInAnHourAcrossAReconnect() {
        serve(Duration.ofSeconds(30), true);
        List<String> seven = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "USDCAD", "NZDUSD");
        // The configuration claims Basic (100 codes); the server serves 5, as on the Free plan.
        start(Map.of("plan", "basic", "trades.symbols", seven));
        scheduler.advance(Duration.ofMinutes(30));
        server.dropAll();
        scheduler.advance(Duration.ofMinutes(30));

        assertEquals(2, server.handshakes().size(), "one reconnect: " + server.handshakes());
        List<ReceivedFrame> lists = server.received().stream()
                .filter(frame -> frame.text().contains("\"cmd_id\":22004")).toList();
        assertEquals(2, lists.size(), "the list sent once per connection: " + lists);
        assertEquals(7, codes(lists.get(1).text()).size(), "all seven stay subscribed: " + lists.get(1));
        feed.close();

        List<StatusEvent> reports = events.all(StatusEvent.class, status -> status.message().contains("delivered no"));
        assertEquals(1, reports.size(), "reported once in an hour: " + reports);
        StatusEvent report = reports.get(0);
        assertTrue(report.message().contains("USDCHF, USDJPY") && report.message().contains("first 5 of the 7"),
                report.message());
        // Checked on the first frame at or after the list's acknowledgement (at 0 s) plus 60 s: the trades at 60 s.
        assertEquals(Duration.ofSeconds(60), Duration.between(Instant.EPOCH, report.receivedAt()));
        assertEquals(new TreeSet<>(List.of("AUDUSD", "EURUSD", "GBPUSD", "NZDUSD", "USDCAD")),
                new TreeSet<>(events.all(Trade.class, trade -> true).stream().map(Trade::symbol).toList()));
    }

    // ---------------------------------------------------------------- the scripted server

    /**
     * Answers heartbeats and trade lists; closes any connection silent (no 22000) for longer than {@code timeout},
     * checked each second as the simulator does; when {@code trading}, pushes a trade every 10 s for each of the
     * first {@value #PLAN_CODES} codes of every open connection's latest list.
     */
    private void serve(Duration timeout, boolean trading) {
        server.rule(Rule.when(text -> text.contains("\"cmd_id\":22000"), text -> List.of(response(text, 22001))))
                .rule(Rule.when(text -> text.contains("\"cmd_id\":22004"), text -> List.of(response(text, 22005))))
                .rule(Rule.when(text -> text.contains("\"cmd_id\":22006"), text -> List.of(response(text, 22007))));
        scheduler.scheduleAtFixedRate(() -> {
            Instant now = scheduler.clock().instant();
            for (ScriptedConnection connection : server.openConnections()) {
                Instant lastHeartbeat = connection.handshake().at();
                List<String> list = List.of();
                for (ReceivedFrame frame : connection.received()) {
                    if (frame.text().contains("\"cmd_id\":22000")) {
                        lastHeartbeat = frame.at();
                    } else if (frame.text().contains("\"cmd_id\":22004")) {
                        list = codes(frame.text());
                    }
                }
                if (Duration.between(lastHeartbeat, now).compareTo(timeout) > 0) {
                    connection.close(1000, "no heartbeat for " + timeout.toMillis() + " ms");
                } else if (trading && now.getEpochSecond() % 10 == 0) {
                    list.stream().limit(PLAN_CODES).forEach(code -> connection.send(trade(code)));
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private String trade(String code) {
        seq++;
        return "{\"cmd_id\":22998,\"data\":{\"code\":\"" + code + "\",\"seq\":\"" + seq + "\",\"tick_time\":\""
                + (1_677_831_545_217L + seq) + "\",\"price\":\"1.08420\",\"volume\":\"0\",\"trade_direction\":0}}";
    }

    private static String response(String request, int cmdId) {
        Matcher seqId = SEQ_ID.matcher(request);
        Matcher trace = TRACE.matcher(request);
        return "{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":" + cmdId + ",\"seq_id\":"
                + (seqId.find() ? seqId.group(1) : "0") + ",\"trace\":\"" + (trace.find() ? trace.group(1) : "")
                + "\",\"data\":{}}";
    }

    private static List<String> codes(String request) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(request);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** When the client sent frames containing {@code marker}, as virtual time since the start. */
    private List<Duration> times(String marker) {
        return server.received().stream().filter(frame -> frame.text().contains(marker))
                .map(frame -> Duration.between(Instant.EPOCH, frame.at())).toList();
    }

    private void start(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(extra);
        values.put("enabled", true);
        values.put("token", "alltick_test_FAKE_virtual");
        values.put("endpoint", server.uri().toString());
        feed = MarketFeed.builder()
                .provider(new AlltickProvider(), ProviderDefaults.with(AlltickProvider.ID, values))
                .virtualNetwork(network)
                .listener("recorder", events, DeliveryPolicy.dropOldest(1_000_000))
                .build();
        feed.start();
        scheduler.runDue();
    }
}

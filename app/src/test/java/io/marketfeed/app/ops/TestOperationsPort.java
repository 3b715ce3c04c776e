package io.marketfeed.app.ops;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.app.ExitCode;
import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations port over real HTTP against a run in-process: TickAtlas streams from the simulator with its demo
 * key while SAHMK was given the canary key, which the simulator refuses (4401, fatal). Every page answers, with its
 * content; the canary, sent in SAHMK's URL on the wire, and the demo key appear in none; the JMX beans give the
 * same numbers and are gone after the run, like the port.
 */
class TestOperationsPort {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void everyPageAnswersWithItsContentAndNoCredential() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk", "tickatlas"), 0)) {
            Path file = TestingConfig.write(directory, "ops.conf", String.join("\n",
                    "marketfeed.http.port = 0",
                    "marketfeed.sinks = [{ type = sqlite, path = \"" + directory.resolve("ops.db") + "\", "
                            + "spool.dir = \"" + directory.resolve("spool") + "\" }]",
                    "marketfeed.providers.sahmk { endpoint = \"" + simulator.endpoint() + "\", "
                            + "api-key = ${SAHMK_API_KEY}, symbols = [\"2222\", \"1120\"] }",
                    "marketfeed.providers.tickatlas { endpoint = \"" + simulator.endpoint() + "\", api-key = \""
                            + TickAtlasSimulation.DEMO_KEY + "\", plan = pro, symbols = [EURUSD, XAUUSD] }"));
            List<String> served = new ArrayList<>();
            try (RunningFeed run = RunningFeed.start(file, Map.of("SAHMK_API_KEY", CANARY))) {
                JsonNode status = JSON.readTree(run.awaitGet("status", response -> {
                    JsonNode tree = tree(response.body());
                    return provider(tree, "sahmk").path("failed").asBoolean()
                            && provider(tree, "tickatlas").path("events").path("quote").asLong() > 0;
                }).body());

                HttpResponse<String> health = run.get("health");
                assertEquals(200, health.statusCode());
                assertEquals("ok\n", health.body());

                HttpResponse<String> ready = run.get("ready");
                served.add(ready.body());
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().startsWith("not ready\nsahmk: failed: SAHMK authentication failed (close "
                        + "4401"), ready.body());
                assertFalse(ready.body().contains("tickatlas"), ready.body());

                HttpResponse<String> metrics = run.get("metrics");
                served.add(metrics.body());
                checkMetrics(metrics);

                status = JSON.readTree(run.get("status").body());
                served.add(status.toString());
                checkStatus(status, simulator.endpoint());
                checkJmx(metrics.body());

                HttpResponse<String> post = run.send(HttpRequest.newBuilder(run.base().resolve("ready"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                assertEquals(405, post.statusCode());
                HttpResponse<String> unknown = run.get("nothing-here?api_key=" + CANARY);
                served.add(unknown.body());
                assertEquals(404, unknown.statusCode());
                assertTrue(unknown.body().contains("/health, /ready, /metrics, /status"), unknown.body());

                URI base = run.base();
                assertEquals(ExitCode.OK, run.stop(), run.err());
                for (String body : served) {
                    assertFalse(body.contains(CANARY) || body.contains(TickAtlasSimulation.DEMO_KEY), body);
                }
                assertFalse(run.err().contains(CANARY), run.err());
                // After the run: the port is closed and the beans are gone.
                assertThrows(ConnectException.class, () -> run.send(HttpRequest.newBuilder(base.resolve("health"))
                        .build()));
                assertTrue(platform().queryNames(new ObjectName(FeedMBeans.DOMAIN + ":*"), null).isEmpty());
            }
        }
    }

    private static void checkMetrics(HttpResponse<String> metrics) {
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                metrics.headers().firstValue("Content-Type").orElse(""));
        String text = metrics.body();
        assertTrue(value(text, "marketfeed_events_total{provider=\"tickatlas\",type=\"quote\"}") > 0, text);
        assertTrue(value(text, "marketfeed_events_total{provider=\"tickatlas\",type=\"candle\"}") > 0, text);
        assertTrue(text.contains("# TYPE marketfeed_events_total counter"), text);
        assertEquals(1.0, value(text, "marketfeed_provider_failed{provider=\"sahmk\"}"));
        assertEquals(0.0, value(text, "marketfeed_provider_failed{provider=\"tickatlas\"}"));
        assertEquals(1.0, value(text, "marketfeed_connections{provider=\"tickatlas\",state=\"connected\"}"));
        assertEquals(1.0, value(text, "marketfeed_connections{provider=\"sahmk\",state=\"failed\"}"));
        // Two symbols, each for quotes and candles.
        assertEquals(4.0, value(text, "marketfeed_subscriptions{provider=\"tickatlas\",state=\"confirmed\"}"));
        assertTrue(value(text, "marketfeed_credits_used_total{provider=\"tickatlas\"}") > 0, text);
        assertTrue(value(text, "marketfeed_credits_remaining{provider=\"tickatlas\"}") > 0, text);
        assertTrue(value(text, "marketfeed_listener_delivered_total{listener=\"output\"}") > 0, text);
        assertEquals(0.0, value(text, "marketfeed_listener_dropped_total{listener=\"output\"}"));
        assertEquals(0.0, value(text, "marketfeed_listener_conflated_total{listener=\"output\"}"));
        assertTrue(value(text, "marketfeed_sink_received_total{sink=\"sqlite\"}") > 0, text);
        for (String sinkMetric : List.of("written_total", "pending", "spool_events", "spooled_total", "dropped_total",
                "failures_total", "down_seconds")) {
            value(text, "marketfeed_sink_" + sinkMetric + "{sink=\"sqlite\"}");
        }
        for (String providerMetric : List.of("reconnects_total", "gaps_total", "decode_problems_total",
                "decode_errors_total", "unwanted_frames_total", "connected_seconds_total", "quiet_symbol_reports_total",
                "quiet_symbols")) {
            value(text, "marketfeed_" + providerMetric + "{provider=\"tickatlas\"}");
        }
        assertTrue(value(text, "marketfeed_uptime_seconds") > 0, text);
        assertTrue(text.contains("\njvm_memory_used_bytes{"), text);
    }

    private static void checkStatus(JsonNode status, String simulatorEndpoint) {
        assertFalse(status.path("ready").asBoolean());
        assertTrue(status.path("notReady").get(0).asText().startsWith("sahmk: failed: "), status.toString());
        assertNotNull(status.path("startedAt").textValue());
        JsonNode sahmk = provider(status, "sahmk");
        assertTrue(sahmk.path("failure").asText().contains("4401"), sahmk.toString());
        JsonNode tickatlas = provider(status, "tickatlas");
        assertFalse(tickatlas.path("failed").asBoolean());
        assertEquals(4, tickatlas.path("subscriptions").path("wanted").asInt());
        assertTrue(tickatlas.path("credits").path("used").asLong() > 0, tickatlas.toString());
        assertTrue(tickatlas.path("credits").path("remaining").isNumber(), tickatlas.toString());
        JsonNode connection = tickatlas.path("connections").get(0);
        assertEquals("tickatlas/quotes#1", connection.path("connection").asText());
        assertEquals("connected", connection.path("state").asText());
        assertEquals(simulatorEndpoint + "/ws/v1/quotes", connection.path("endpoint").asText());
        assertEquals(4, connection.path("symbols").path("desired").asInt());
        assertEquals(4, connection.path("symbols").path("confirmed").asInt());
        assertTrue(connection.path("lastFrameAt").asText().endsWith("Z"), connection.toString());
        List<String> symbols = new ArrayList<>();
        connection.path("symbolActivity").forEach(symbol -> symbols.add(symbol.path("symbol").asText()));
        assertEquals(List.of("EURUSD", "XAUUSD"), symbols);
        List<String> lastEvents = new ArrayList<>();
        connection.path("symbolActivity").forEach(symbol -> lastEvents.add(symbol.path("lastEventAt").asText()));
        assertTrue(lastEvents.stream().anyMatch(time -> time.endsWith("Z")), connection.toString());
        List<String> listeners = new ArrayList<>();
        status.path("listeners").forEach(listener -> listeners.add(listener.path("listener").asText()));
        assertEquals(List.of("output", "sink:sqlite"), listeners);
        JsonNode sink = status.path("sinks").get(0);
        assertEquals("sqlite", sink.path("sink").asText());
        assertTrue(sink.path("received").asLong() > 0, sink.toString());
        assertTrue(sink.path("downSeconds").isNull(), sink.toString());
    }

    /** The beans give the numbers /metrics gave (counters only grow, so at least those). */
    private static void checkJmx(String metrics) throws Exception {
        MBeanServer jmx = platform();
        Object quotes = jmx.getAttribute(FeedMBeans.name("Provider", "tickatlas"), "events.quote");
        assertTrue((Long) quotes >= value(metrics, "marketfeed_events_total{provider=\"tickatlas\",type=\"quote\"}"),
                String.valueOf(quotes));
        assertEquals(1.0, jmx.getAttribute(FeedMBeans.name("Provider", "sahmk"), "failed"));
        assertEquals(1.0, jmx.getAttribute(FeedMBeans.name("Provider", "tickatlas"), "connections.connected"));
        assertTrue((Long) jmx.getAttribute(FeedMBeans.name("Sink", "sqlite"), "received") > 0);
        assertTrue((Long) jmx.getAttribute(FeedMBeans.name("Listener", "sink:sqlite"), "delivered") > 0);
        assertTrue((Double) jmx.getAttribute(FeedMBeans.name("Feed", "marketfeed"), "uptime.seconds") > 0);
    }

    private static MBeanServer platform() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode provider(JsonNode status, String id) {
        for (JsonNode provider : status.path("providers")) {
            if (provider.path("provider").asText().equals(id)) {
                return provider;
            }
        }
        return JSON.missingNode();
    }

    /** The value of the sample {@code series} (name and labels as written) in a Prometheus text. */
    static double value(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertTrue(matcher.find(), "no " + series + " in\n" + text);
        return Double.parseDouble(matcher.group(1));
    }
}

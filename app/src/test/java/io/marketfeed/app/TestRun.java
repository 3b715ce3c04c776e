package io.marketfeed.app;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in-process against the embedded simulator on loopback: how a run starts and each way it ends. */
class TestRun {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SAHMK_QUOTE = "{\"type\":\"quote\",\"provider\":\"sahmk\",\"symbol\":\"";
    private static final String TICKATLAS_QUOTE = "{\"type\":\"quote\",\"provider\":\"tickatlas\",";
    private static final String TICKATLAS_CANDLE = "{\"type\":\"candle\",\"provider\":\"tickatlas\",";
    private static final String ALLTICK_TRADE = "{\"type\":\"trade\",\"provider\":\"alltick\",";
    private static final String ALLTICK_BOOK = "{\"type\":\"book\",\"provider\":\"alltick\",";

    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @TempDir
    Path directory;

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void demoWithoutKeysSaysSoFirstAndStopsGracefullyOnRequest() throws Exception {
        CompletableFuture<String> stop = new CompletableFuture<>();
        Capture out = new Capture(SAHMK_QUOTE, TICKATLAS_QUOTE, TICKATLAS_CANDLE, ALLTICK_TRADE, ALLTICK_BOOK);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Future<Integer> code = runner.submit(() -> Main.run(new String[] {"run", "--format", "jsonl"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), stop));
        out.seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        stop.complete("test asks to stop");

        assertEquals(ExitCode.OK, code.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        List<String> errLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(errLines.get(0).matches("No API keys configured: SAHMK, TickAtlas, AllTick and Screener stream "
                + "from the built-in simulator on ws://127\\.0\\.0\\.1:\\d+ \\(demo data, not real prices\\)\\."),
                errLines.get(0));
        assertEquals("Set SAHMK_API_KEY to stream real prices, or pass -c FILE.", errLines.get(1));
        List<String> lines = out.text().lines().toList();
        for (String provider : List.of("sahmk", "tickatlas", "alltick", "screener")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("{\"type\":\"connection\",\"provider\":\""
                    + provider + "\",\"connection\":") && line.contains("\"state\":\"connected\"")), out.text());
        }
        String quote = first(lines, SAHMK_QUOTE);
        assertTrue(quote.matches(".*\"price\":\\d+\\.\\d+,.*\"receivedAt\":\"[^\"]+Z\"}"), quote);
        String forex = first(lines, TICKATLAS_QUOTE);
        assertTrue(forex.matches("\\{\"type\":\"quote\",\"provider\":\"tickatlas\",\"symbol\":\"(EURUSD|GBPUSD|"
                + "USDJPY|XAUUSD|BTCUSD)\",.*\"bid\":\\d+\\.\\d+,\"ask\":\\d+\\.\\d+,.*"), forex);
        String candle = first(lines, TICKATLAS_CANDLE);
        assertTrue(candle.matches("\\{\"type\":\"candle\",\"provider\":\"tickatlas\",\"symbol\":\"[A-Z]{6}\","
                + "\"interval\":\"PT1M\",\"openTime\":\"[^\"]+:00Z\",\"open\":[\\d.]+,\"high\":[\\d.]+,"
                + "\"low\":[\\d.]+,\"close\":[\\d.]+,(\"volume\":\\d+,)?\"receivedAt\":\"[^\"]+Z\"}"), candle);
        String trade = first(lines, ALLTICK_TRADE);
        assertTrue(trade.matches(".*\"symbol\":\"(700\\.HK|EURUSD)\",\"price\":[\\d.]+,.*"), trade);
        String book = first(lines, ALLTICK_BOOK);
        assertTrue(book.matches(".*\"bids\":\\[\\{\"price\":[\\d.]+,\"size\":[\\d.]+.*\"asks\":\\[\\{.*"), book);
        assertTrue(lines.get(lines.size() - 1).contains("\"state\":\"closed\""), out.text());
    }

    @Test
    void configuredSimulatorSaysWhichProvidersItServesAndTheTableShowsCredits() {
        Path file = TestingConfig.write(directory, "forex.conf", String.join("\n",
                "marketfeed.simulator { enabled = true, providers = [tickatlas] }",
                "marketfeed.providers.sahmk.enabled = false",
                "marketfeed.providers.tickatlas { enabled = true, plan = pro, symbols = [EURUSD, XAUUSD] }",
                "marketfeed.output.table-refresh = 100ms"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"run", "-c", file.toString(), "--format", "table", "--duration", "2s"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("SAHMK_API_KEY", CANARY, "COLUMNS", "300"));

        assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
        String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.matches("TickAtlas streams from the built-in simulator on ws://127\\.0\\.0\\.1:\\d+ \\(demo "
                + "data, not real prices\\), as .*forex\\.conf asks\\."), first);
        String text = out.toString(StandardCharsets.UTF_8);
        // The last frame, drawn after the stop, with the last snapshot taken while running.
        String last = text.substring(text.lastIndexOf("Marketfeed  "));
        assertTrue(last.contains(first), last);
        assertTrue(last.lines().anyMatch(line -> line.startsWith("CREDITS ") && line.contains("REMAINING")), last);
        assertTrue(last.lines().anyMatch(line -> line.startsWith("tickatlas ") && line.contains("(in ")), last);
    }

    /**
     * The issue's case: a file with only a TickAtlas block (endpoint, key, symbols, no enabled) and SAHMK_API_KEY
     * left in the environment. TickAtlas streams; SAHMK is never even tried (no sahmk connection event, which every
     * attempt starts with, and no sahmk line in the summary).
     */
    @Test
    void aTickAtlasOnlyFileStreamsTickAtlasAloneWithSahmkApiKeySet() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("tickatlas"), 0)) {
            Path file = TestingConfig.write(directory, "tickatlas-only.conf", String.join("\n",
                    "marketfeed.providers.tickatlas {",
                    "  endpoint = \"" + simulator.endpoint() + "\"",
                    "  api-key = \"" + TickAtlasSimulation.DEMO_KEY + "\"",
                    "  plan = pro",
                    "  symbols = [EURUSD, XAUUSD]",
                    "}"));
            CompletableFuture<String> stop = new CompletableFuture<>();
            Capture out = new Capture(TICKATLAS_QUOTE, TICKATLAS_CANDLE);
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            Future<Integer> code = runner.submit(() -> Main.run(new String[] {"run", "-c", file.toString(),
                    "--format", "jsonl"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("SAHMK_API_KEY", CANARY), stop));
            out.seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            stop.complete("test asks to stop");

            assertEquals(ExitCode.OK, code.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            String events = out.text();
            assertTrue(events.contains("{\"type\":\"connection\",\"provider\":\"tickatlas\","), events);
            assertFalse(events.contains("\"provider\":\"sahmk\""), events);
            String errText = err.toString(StandardCharsets.UTF_8);
            assertTrue(errText.contains("\n  tickatlas: "), errText);
            assertFalse(errText.contains("sahmk"), errText);
            assertFalse((events + errText).contains(CANARY));
        }
    }

    @Test
    void demoSaysWhenAnotherProvidersKeyIsSetButUnused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"run", "--duration", "300ms", "--format", "jsonl"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("TICKATLAS_API_KEY", CANARY));

        assertEquals(ExitCode.OK, code);
        List<String> errLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("TICKATLAS_API_KEY is set but not used by the demo; pass -c FILE to stream TickAtlas for real.",
                errLines.get(2));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains(CANARY));
    }

    @Test
    void liveConfigurationStreamsSahmkOnlyAndSaysHowToAddTickAtlas() {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk"), 0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            // The built-in live configuration, pointed at the loopback simulator instead of the real service.
            int code = Main.run(new String[] {"run", "--duration", "300ms", "--format", "jsonl",
                    "-Dmarketfeed.providers.sahmk.endpoint=" + simulator.endpoint()},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("SAHMK_API_KEY", SahmkSimulation.DEMO_KEY, "TICKATLAS_API_KEY", CANARY));

            assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
            assertEquals("TICKATLAS_API_KEY is set, but the built-in live configuration (SAHMK_API_KEY is set) "
                    + "streams SAHMK only; add -Dmarketfeed.providers.tickatlas.enabled=true (with its symbols) or "
                    + "pass -c FILE to stream TickAtlas too.",
                    err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
            assertFalse(out.toString(StandardCharsets.UTF_8).contains("\"provider\":\"tickatlas\""));
        }
    }

    @Test
    void simulateDescribesEverySimulatorOnOnePortUntilStopped() throws Exception {
        CompletableFuture<String> stop = new CompletableFuture<>();
        Capture out = new Capture("./marketfeed run -c FILE");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Future<Integer> code = runner.submit(() -> Main.run(new String[] {"simulate", "--port", "0",
                "--quota-reset-every", "2m"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), stop));
        out.seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String text = out.text();
        String control = text.lines().filter(line -> line.startsWith("Control: ")).findFirst().orElseThrow()
                .split(" ")[1];
        HttpResponse<String> status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(control + "status")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        stop.complete("test asks to stop");

        assertEquals(ExitCode.OK, code.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(text.startsWith("Marketfeed simulator on 127.0.0.1:"), text);
        assertTrue(text.lines().findFirst().orElseThrow().endsWith(": SAHMK, TickAtlas, AllTick and Screener "
                + "(demo data, not real prices). Ctrl-C stops it."), text);
        assertTrue(text.contains("/ws/v1/stocks/?api_key=" + SahmkSimulation.DEMO_KEY), text);
        assertTrue(text.contains("/ws/v1/quotes"), text);
        assertTrue(text.contains("api-key = \"" + TickAtlasSimulation.SMALL_QUOTA_KEY + "\""), text);
        assertTrue(text.contains("/quote-b-ws-api?token="), text);
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"tickatlas\"") && status.body().contains("\"alltick\""), status.body());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Stopping the simulator: test asks to stop"));
    }

    @Test
    void durationEndsTheRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"run", "--duration", "1500ms", "--format", "jsonl"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                Map.of());

        assertEquals(ExitCode.OK, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"state\":\"closed\""));
    }

    @Test
    void everyProviderFailingExitsThreeWithWhatToFix() {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk"), 0)) {
            Path file = TestingConfig.write(directory, "inactive.conf", "marketfeed.sinks = []\n"
                    + "marketfeed.providers.sahmk { endpoint = \"" + simulator.endpoint() + "\", api-key = ${KEY}, symbols = [\"2222\"] }");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Main.run(new String[] {"run", "-c", file.toString(), "--format", "jsonl", "--duration", "20s"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("KEY", SahmkSimulation.INACTIVE_KEY, "SAHMK_API_KEY", CANARY));

            assertEquals(ExitCode.ALL_PROVIDERS_FAILED, code);
            String errText = err.toString(StandardCharsets.UTF_8);
            assertTrue(errText.startsWith("Summary after "), errText);
            assertTrue(errText.contains("\nerror: every enabled provider stopped on a fatal error"), errText);
            assertTrue(errText.contains("4403"), errText);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"state\":\"failed\""));
            assertFalse(errText.contains(SahmkSimulation.INACTIVE_KEY) || errText.contains(CANARY), errText);
        }
    }

    @Test
    void anInvalidTickAtlasKeyAsTheOnlyProviderExitsThree() {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("tickatlas"), 0)) {
            Path file = TestingConfig.write(directory, "tickatlas.conf", "marketfeed.providers {\n"
                    + "  sahmk.enabled = false\n"
                    + "  tickatlas { enabled = true, endpoint = \"" + simulator.endpoint() + "\", api-key = ${KEY},"
                    + " symbols = [\"EURUSD\"] }\n}");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Main.run(new String[] {"run", "-c", file.toString(), "--format", "jsonl", "--duration", "20s"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("KEY", "ta_not_a_key_CANARY"));

            assertEquals(ExitCode.ALL_PROVIDERS_FAILED, code);
            String errText = err.toString(StandardCharsets.UTF_8);
            assertTrue(errText.contains("tickatlas") && errText.contains("invalid_key"), errText);
            assertFalse((errText + out.toString(StandardCharsets.UTF_8)).contains("ta_not_a_key_CANARY"), errText);
        }
    }

    private static String first(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no line starts with " + prefix));
    }

    /** Collects stdout and completes {@link #seen} once every marker was written. Thread safe. */
    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Set<String> missing;
        private int checked;
        final CompletableFuture<Void> seen = new CompletableFuture<>();

        Capture(String... markers) {
            this.missing = new HashSet<>(List.of(markers));
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] buffer, int offset, int length) {
            bytes.write(buffer, offset, length);
        }

        @Override
        public synchronized void flush() {
            if (seen.isDone()) {
                return;
            }
            String text = text();
            // Only what arrived since the last check, from the start of its line.
            String fresh = text.substring(Math.max(0, text.lastIndexOf('\n', Math.max(0, checked - 1))));
            checked = text.length();
            missing.removeIf(fresh::contains);
            if (missing.isEmpty()) {
                seen.complete(null);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

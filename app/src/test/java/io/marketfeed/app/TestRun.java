package io.marketfeed.app;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.run.EmbeddedSimulator;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final Duration WAIT = Duration.ofSeconds(20);

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
        Capture out = new Capture("\"type\":\"quote\"");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Future<Integer> code = runner.submit(() -> Main.run(new String[] {"run", "--format", "jsonl"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), stop));
        out.seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        stop.complete("test asks to stop");

        assertEquals(ExitCode.OK, code.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        List<String> errLines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(errLines.get(0).matches("No API keys configured: streaming from the built-in SAHMK simulator on "
                + "ws://127\\.0\\.0\\.1:\\d+ \\(demo data, not real prices\\)"), errLines.get(0));
        List<String> lines = out.text().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("{\"type\":\"connection\",\"provider\":\"sahmk\","
                + "\"connection\":") && line.contains("\"state\":\"connected\"")), out.text());
        String quote = lines.stream().filter(line -> line.startsWith("{\"type\":\"quote\",\"provider\":\"sahmk\","
                + "\"symbol\":\"")).findFirst().orElseThrow();
        assertTrue(quote.matches(".*\"price\":\\d+\\.\\d+,.*\"receivedAt\":\"[^\"]+Z\"}"), quote);
        assertTrue(lines.get(lines.size() - 1).contains("\"state\":\"closed\""), out.text());
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
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start("sahmk", 0)) {
            Path file = TestingConfig.write(directory, "inactive.conf", "marketfeed.providers.sahmk { endpoint = \""
                    + simulator.endpoint() + "\", api-key = ${KEY}, symbols = [\"2222\"] }");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Main.run(new String[] {"run", "-c", file.toString(), "--format", "jsonl", "--duration", "20s"},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("KEY", SahmkSimulation.INACTIVE_KEY, "SAHMK_API_KEY", CANARY));

            assertEquals(ExitCode.ALL_PROVIDERS_FAILED, code);
            String errText = err.toString(StandardCharsets.UTF_8);
            assertTrue(errText.startsWith("error: every enabled provider stopped on a fatal error"), errText);
            assertTrue(errText.contains("4403"), errText);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"state\":\"failed\""));
            assertFalse(errText.contains(SahmkSimulation.INACTIVE_KEY) || errText.contains(CANARY), errText);
        }
    }

    /** Collects stdout and completes {@link #seen} once {@code marker} was written. Thread safe. */
    private static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final String marker;
        final CompletableFuture<Void> seen = new CompletableFuture<>();

        Capture(String marker) {
            this.marker = marker;
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
            if (!seen.isDone() && text().contains(marker)) {
                seen.complete(null);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

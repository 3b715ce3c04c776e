package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.logging.MainProcess;
import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptedConnection;
import io.marketfeed.testkit.ScriptedServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner, as a process of its own, against servers that misbehave on purpose: one that sends a 50 MB frame
 * to a runner with 96 MB of heap, and servers that quote each provider's credential back through every path a
 * server has (a close reason, an error frame, the body of a refused handshake, the URL in the network stack's
 * exceptions, frames logged at TRACE), searched for in everything the runner wrote: stdout, stderr, the log file.
 */
class TestHostileServers {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void aFiftyMegabyteFrameIsCutWithOneLineWhileTheOtherProvidersStreamOnInNinetySixMegabytes() throws Exception {
        AtomicBoolean sent = new AtomicBoolean();
        try (ScriptedServer hostile = ScriptedServer.start()) {
            // The first request of the first connection is answered with one frame of 50 MB; later ones, not at all.
            hostile.rule(Rule.always(request -> sent.compareAndSet(false, true) ? List.of("x".repeat(50_000_000))
                    : List.of()));
            Path config = config("""
                    marketfeed {
                      simulator { enabled = true, providers = [sahmk, tickatlas], port = 0 }
                      sinks = []
                      providers.sahmk { enabled = true, symbols = ["2222", "1120"] }
                      providers.tickatlas { enabled = true, symbols = ["EURUSD"] }
                      providers.alltick {
                        enabled = true
                        token = "alltick_test_FAKE_0000000001"
                        endpoint = "%s"
                        trades.symbols = ["EURUSD"]
                        limits.min-reconnect-gap = 0ms
                      }
                    }
                    """.formatted(hostile.uri()));
            try (MainProcess run = MainProcess.start(folder, Map.of(), List.of("-Xmx96m"), "run", "-c",
                    config.toString(), "--format", "jsonl")) {
                String err = run.awaitErr(text -> text.contains("larger than the limit"), "the cut", LIMIT);
                hostile.await("a second connection", LIMIT, () -> hostile.handshakes().size() >= 2);
                int quotesBefore = lines(run.out(), "\"provider\":\"sahmk\"");
                run.awaitErr(text -> lines(run.out(), "\"provider\":\"sahmk\"") > quotesBefore + 5
                        && lines(run.out(), "\"provider\":\"tickatlas\"") > 0, "sahmk and tickatlas streaming on",
                        LIMIT);
                run.signal("TERM");
                assertEquals(0, run.awaitExit(LIMIT), run.err());
                err = run.err();
                List<String> cut = err.lines().filter(line -> line.contains("larger than the limit")).toList();
                assertEquals(1, cut.size(), err);
                assertTrue(cut.get(0).contains("alltick/other#1: the server sent a message larger than the limit of "
                        + "1 MiB"), cut.get(0));
                assertTrue(cut.get(0).contains("raise max-message-size"), cut.get(0));
                assertFalse(err.contains("OutOfMemoryError"), err);
            }
        }
    }

    @Test
    void credentialsQuotedBackByEveryProvidersServerReachNoOutputAndNoLogLine() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sahmk", "shmk_test_FAKE_canary_9b1d");
        keys.put("tickatlas", "tk_test_FAKE_canary_4e7a/+=");
        keys.put("alltick", "alltick-test-FAKE-canary-2c8f");
        keys.put("screener", "screener.test.FAKE.canary.6d0e");
        Map<String, ScriptedServer> servers = new LinkedHashMap<>();
        try {
            StringBuilder providers = new StringBuilder();
            for (Map.Entry<String, String> entry : keys.entrySet()) {
                ScriptedServer server = ScriptedServer.start();
                servers.put(entry.getKey(), server);
                providers.append(providerBlock(entry.getKey(), entry.getValue(), server));
            }
            Path config = config("marketfeed {\n  sinks = []\n  reconnect { initial-delay = 50ms, max-delay = 200ms }"
                    + "\n  providers {\n" + providers + "  }\n}\n");
            Path log = folder.resolve("marketfeed.log");
            try (MainProcess run = MainProcess.start(folder, Map.of("MARKETFEED_LOG_LEVEL", "TRACE",
                    "MARKETFEED_LOG_FILE", log.toString()), List.of(), "run", "-c", config.toString(), "--format",
                    "jsonl", "--duration", "60s")) {
                for (Map.Entry<String, ScriptedServer> entry : servers.entrySet()) {
                    quoteBack(entry.getKey(), keys.get(entry.getKey()), entry.getValue());
                }
                run.signal("TERM");
                run.awaitExit(LIMIT);
                List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith("marketfeed.log"))
                            .toList()) {
                        texts.add(Files.readString(file));
                    }
                }
                assertTrue(texts.size() >= 3, "no log file was written");
                assertTrue(run.err().contains("echo"), "the servers' texts were logged at all: " + run.err());
                for (String text : texts) {
                    for (Map.Entry<String, String> key : keys.entrySet()) {
                        for (String form : forms(key.getValue())) {
                            int at = text.indexOf(form);
                            assertTrue(at < 0, () -> key.getKey() + "'s key shows as " + form + ": …"
                                    + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 80)));
                        }
                    }
                    assertFalse(text.contains("\nFORGED"), "a server's line break reached the output as such");
                }
            }
        } finally {
            servers.values().forEach(ScriptedServer::close);
        }
    }

    /**
     * The server quotes the key back: in a close reason, in the body of two refused handshakes, in an error frame
     * (which some providers take as a refused key, and stop), then it is gone, so that the network stack's
     * "connection refused" names the URL, query parameters and all.
     */
    private static void quoteBack(String provider, String key, ScriptedServer server) {
        String quote = "echo " + String.join(" ", forms(key)) + "\nFORGED line";
        ScriptedConnection first = server.awaitConnection(1, LIMIT);
        int handshakes = server.handshakes().size();
        server.refuseHandshakes(503, quote);
        first.close(1001, ("echo " + key + "\nFORGED").substring(0, Math.min(100, key.length() + 12)));
        server.await(provider + ": two refused handshakes", LIMIT, () -> server.handshakes().size() >= handshakes + 2);
        server.acceptHandshakes();
        ScriptedConnection second = server.awaitConnection(2, LIMIT);
        second.send(errorFrame(provider, quote));
        second.close(1001, "going away");
        server.close();
    }

    private static String errorFrame(String provider, String message) {
        String quoted = io.marketfeed.testkit.ScriptJson.quote(message);
        return switch (provider) {
            case "alltick" -> "{\"ret\":500,\"msg\":" + quoted + ",\"cmd_id\":0,\"seq_id\":0,\"trace\":\"\",\"data\":{}}";
            case "tickatlas" -> "{\"type\":\"error\",\"code\":\"bad_request\",\"message\":" + quoted + "}";
            case "screener" -> "{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\",\"message\":" + quoted + "}";
            default -> "{\"type\":\"error\",\"message\":" + quoted + "}";
        };
    }

    private static String providerBlock(String provider, String key, ScriptedServer server) {
        String credential = provider.equals("alltick") || provider.equals("screener") ? "token" : "api-key";
        String symbols = switch (provider) {
            case "alltick" -> "trades.symbols = [\"EURUSD\"]";
            case "tickatlas" -> "symbols = [\"EURUSD\"]";
            case "screener" -> "symbols = [\"005930\"]";
            default -> "symbols = [\"2222\"]";
        };
        return "    " + provider + " {\n      enabled = true\n      " + credential + " = \"" + key + "\"\n      endpoint = \""
                + server.uri() + "\"\n      " + symbols + "\n      limits.min-reconnect-gap = 0ms\n    }\n";
    }

    /** The key as is, URL-encoded and in Base64. */
    private static List<String> forms(String key) {
        return List.of(key, URLEncoder.encode(key, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
    }

    private Path config(String text) throws IOException {
        Path file = folder.resolve("hostile.conf");
        Files.writeString(file, text);
        return file;
    }

    private static int lines(String text, String containing) {
        return (int) text.lines().filter(line -> line.contains(containing)).count();
    }
}

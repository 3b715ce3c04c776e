package io.marketfeed.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.ExitCode;
import io.marketfeed.app.Main;
import io.marketfeed.app.testing.TestingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marketfeed.http.*}: checked with the rest of the configuration, and a port in use is one clear line. */
class TestOperationsConfig {

    private static final String SIMULATED_SAHMK = String.join("\n",
            "marketfeed.simulator { enabled = true, providers = [sahmk] }",
            "marketfeed.sinks = []",
            "marketfeed.providers.sahmk.symbols = [\"2222\"]");

    @TempDir
    Path directory;

    @Test
    void aPortInUseIsOneConfigErrorNamingTheKeyAndNothingConnects() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = TestingConfig.write(directory, "taken.conf", SIMULATED_SAHMK + "\nmarketfeed.http.port = "
                    + taken.getLocalPort());

            Result result = run("run", "-c", file.toString(), "--format", "none", "--duration", "20s");

            assertEquals(ExitCode.USAGE_OR_CONFIG, result.code, result.err);
            List<String> mentions = result.err.lines().filter(line -> line.contains("marketfeed.http.port")).toList();
            assertEquals(List.of("config error: marketfeed.http.port: 127.0.0.1:" + taken.getLocalPort() + " is "
                    + "already in use by another program; choose another port, or 0 for a free one"), mentions);
            assertFalse(result.err.contains("Exception") || result.err.contains("\tat "), result.err);
            assertFalse(result.err.contains("Summary after"), "the feed never started: " + result.err);
            assertEquals("", result.out);
        }
    }

    @Test
    void badValuesAreReportedWithTheOthers() {
        Path file = TestingConfig.write(directory, "bad.conf", SIMULATED_SAHMK + "\n"
                + "marketfeed.http { port = lots, host = \" \" }\n"
                + "marketfeed.stop-timeout = soon");

        Result result = run("config", "-c", file.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code, result.err);
        assertTrue(result.err.lines().anyMatch(line -> line.startsWith("config error: marketfeed.http.port (")
                && line.endsWith("bad.conf:4): must be a port number from 0 to 65535 (0 picks a free one) or off, "
                + "got 'lots'")), result.err);
        assertTrue(result.err.lines().anyMatch(line -> line.startsWith("config error: marketfeed.http.host (")
                && line.contains("bad.conf:4): is empty; set the address to listen on")), result.err);
        assertTrue(result.err.contains("marketfeed.stop-timeout"), result.err);
    }

    @Test
    void aPortOutOfRangeIsAnError() {
        Path file = TestingConfig.write(directory, "range.conf", SIMULATED_SAHMK + "\nmarketfeed.http.port = 70000");

        Result result = run("config", "-c", file.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code, result.err);
        assertTrue(result.err.lines().anyMatch(line -> line.startsWith("config error: marketfeed.http.port (")
                && line.contains("range.conf:4): must be a port number from 0 to 65535")), result.err);
    }

    @Test
    void offByDefaultOnLoopbackAndOnWithAPort() {
        Path off = TestingConfig.write(directory, "off.conf", SIMULATED_SAHMK);
        Result printed = run("config", "-c", off.toString());
        assertEquals(ExitCode.OK, printed.code, printed.err);
        assertTrue(printed.out.contains("\n    port = off  # reference.conf:"), printed.out);
        assertTrue(printed.out.contains("\n    host = \"127.0.0.1\"  # reference.conf:"), printed.out);

        Path on = TestingConfig.write(directory, "on.conf", SIMULATED_SAHMK + "\nmarketfeed.http.port = 9464");
        Result valid = run("config", "-c", on.toString());
        assertEquals(ExitCode.OK, valid.code, valid.err);
        assertTrue(valid.out.contains("\n    port = 9464  # "), valid.out);
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}

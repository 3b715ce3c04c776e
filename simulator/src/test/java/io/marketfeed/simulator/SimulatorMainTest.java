package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void printsUsableUrlsAndServesThem() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (SimulatorServer server = SimulatorMain.start(new String[] {"--port", "0", "--rate", "0",
                "--key", "shmk_live_x=enterprise"}, out)) {
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Control: http://127.0.0.1:" + server.port() + "/control/status"), printed);
            assertTrue(printed.contains("shmk_live_x (enterprise)"), printed);
            Matcher quotes = Pattern.compile("quotes: +(ws://\\S+)").matcher(printed);
            assertTrue(quotes.find(), printed);
            assertEquals("ws://127.0.0.1:" + server.port() + "/ws/v1/stocks/?api_key=shmk_test_demo", quotes.group(1));
            try (WsClient client = WsClient.connect(URI.create(quotes.group(1)))) {
                assertEquals("pro", client.expect("connected").path("plan").asText());
            }
        }
    }

    @Test
    void helpAndBadOptions() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertNull(SimulatorMain.start(new String[] {"--help"}, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("--provider"));
        PrintStream ignored = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.start(new String[] {"--bogus"}, ignored));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.start(new String[] {"--port"}, ignored));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.start(new String[] {"--provider", "alltick"}, ignored));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.start(new String[] {"--key", "k=gold"}, ignored));
    }
}

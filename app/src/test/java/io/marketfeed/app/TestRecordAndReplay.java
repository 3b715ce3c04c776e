package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --record DIR} of the demo, then {@code replay DIR}: the replay prints the market data the run printed. */
class TestRecordAndReplay {

    @TempDir
    Path directory;

    @Test
    void aRecordedRunReplaysIntoTheMarketDataItPrinted() {
        Path recording = directory.resolve("recording");
        Output run = main("run", "--format", "jsonl", "--duration", "2s", "--record", recording.toString(),
                "-Dmarketfeed.sinks=[]");
        assertEquals(ExitCode.OK, run.code, run.err);
        List<String> live = run.out.lines()
                .filter(line -> !line.matches("\\{\"type\":\"(connection|status|gap)\".*")).sorted().toList();
        assertFalse(live.isEmpty(), run.out);

        Path database = directory.resolve("replayed.db");
        Output replay = main("replay", recording.toString(), "--format", "jsonl",
                "-Dmarketfeed.sinks=[{type = sqlite, path = \"" + database + "\"}]");

        assertEquals(ExitCode.OK, replay.code, replay.err);
        assertEquals(live, replay.out.lines().sorted().toList());
        for (String provider : List.of("sahmk", "tickatlas", "alltick", "screener")) {
            assertTrue(replay.out.contains("\"provider\":\"" + provider + "\""), provider + " in " + replay.out);
        }
        String summary = replay.err.lines().filter(line -> line.startsWith("Replayed ")).findFirst().orElseThrow();
        assertTrue(summary.matches("Replayed [\\d,]+ messages of [45] sessions from 1 file in \\d+\\.\\d s \\(speed max\\):"
                + " .*quotes.*; control: .*acknowledged.*; problems: none"), replay.err);
        // The configured sinks get what the replay decodes, as a live run's do.
        assertTrue(replay.err.contains("sqlite sink → " + database + ": " + replay.out.lines().count() + " written"),
                replay.err);
    }

    @Test
    void aFolderWithoutARecordingIsAUsageError() throws Exception {
        Path empty = Files.createDirectory(directory.resolve("empty"));

        Output replay = main("replay", empty.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, replay.code);
        assertEquals(List.of("error: " + empty + " holds no recording (no frames-*.mfr.gz files); name the folder given"
                + " to run --record", "usage: " + CommandLine.REPLAY_USAGE), replay.err.lines().toList());
        assertEquals("", replay.out);
        Output missing = main("replay", directory.resolve("missing").toString());
        assertEquals("error: the folder " + directory.resolve("missing") + " does not exist; name the folder given to "
                + "run --record", missing.err.lines().findFirst().orElseThrow());
    }

    private record Output(int code, String out, String err) {
    }

    private static Output main(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.runtime.record.ReplaySpeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --record DIR} and {@code replay DIR [--speed S]} on the command line, and their mistakes. */
class TestReplayCommandLine {

    @TempDir
    Path directory;

    @Test
    void replayTakesTheFolderAnywhereWithTheOptionsThatShapeTheOutput() {
        assertEquals(new Command.Replay(Path.of("rec"), ReplaySpeed.MAX, Optional.empty(), Optional.empty(), Map.of()),
                parse("replay", "rec"));
        assertEquals(new Command.Replay(Path.of("rec"), new ReplaySpeed(2), Optional.of(Path.of("a.conf")),
                Optional.of(OutputFormat.JSONL), Map.of("marketfeed.output.table-rows", "5")),
                parse("replay", "-c", "a.conf", "--speed=2x", "rec", "--format", "jsonl",
                        "-Dmarketfeed.output.table-rows=5"));
        assertEquals(ReplaySpeed.RECORDED, ((Command.Replay) parse("replay", "rec", "--speed", "1x")).speed());
        assertEquals(new Command.Help(Optional.of("replay")), parse("replay", "rec", "--help"));
    }

    @Test
    void replayMistakesAreNamed() {
        assertUsage("replay needs the folder of a recording (made with run --record DIR)", "replay");
        assertUsage("replay needs the folder of a recording (made with run --record DIR)", "replay", "-c", "a.conf");
        assertUsage("--speed: '3' is not a replay speed; use max, 1x (the recorded pace), or a factor up to 10000x "
                + "such as 2x or 0.5x", "replay", "rec", "--speed", "3");
        assertUsage("option --speed is given twice", "replay", "rec", "--speed", "1x", "--speed", "max");
        assertUsage("option --speed needs a value", "replay", "rec", "--speed");
        assertUsage("unexpected argument 'more'", "replay", "rec", "more");
        assertUsage("unknown option '--sped'; did you mean '--speed'?", "replay", "rec", "--sped", "1x");
    }

    @Test
    void runRecordsIntoAFolderThatIsOrCanBeCreated() throws IOException {
        Path fresh = directory.resolve("new/recording");
        assertEquals(Optional.of(fresh), ((Command.Run) parse("run", "--record", fresh.toString())).record());
        assertEquals(Optional.of(directory), ((Command.Run) parse("run", "--record=" + directory)).record());
        assertEquals(Optional.empty(), ((Command.Run) parse("run")).record());

        Path file = Files.writeString(directory.resolve("file.txt"), "x");
        UsageException e = assertThrows(UsageException.class, () -> parse("run", "--record", file.toString()));
        assertEquals("--record: " + file + " is a file, not a folder; name a folder to record into", e.getMessage());
        assertEquals(CommandLine.RUN_USAGE, e.usage());
        assertUsageOf(CommandLine.RUN_USAGE, "option --record needs a value", "run", "--record");
    }

    @Test
    void helpExplainsReplayAndRecording() {
        String overview = HelpText.of(Optional.empty());
        assertTrue(overview.contains("  replay     run a recording (run --record DIR) through the providers' decoders "
                + "again\n"), overview);
        assertTrue(overview.contains("  " + CommandLine.REPLAY_USAGE + "\n"), overview);
        String replay = HelpText.of(Optional.of("replay"));
        assertTrue(replay.startsWith("usage: " + CommandLine.REPLAY_USAGE + "\n"), replay);
        assertTrue(replay.contains("--speed S"), replay);
        assertTrue(HelpText.of(Optional.of("run")).contains("  --record DIR        also record every received message"));
        for (String line : (overview + replay + HelpText.of(Optional.of("run"))).split("\n")) {
            assertTrue(line.length() <= 110, "too long for a terminal: " + line);
        }
    }

    private static Command parse(String... arguments) {
        return CommandLine.parse(List.of(arguments));
    }

    private static void assertUsage(String message, String... arguments) {
        assertUsageOf(CommandLine.REPLAY_USAGE, message, arguments);
    }

    private static void assertUsageOf(String usage, String message, String... arguments) {
        UsageException e = assertThrows(UsageException.class, () -> parse(arguments));
        assertEquals(message, e.getMessage());
        assertEquals(usage, e.usage());
    }
}

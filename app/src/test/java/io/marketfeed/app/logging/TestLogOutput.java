package io.marketfeed.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.app.ExitCode;
import io.marketfeed.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code MARKETFEED_LOG_FORMAT} and {@code MARKETFEED_LOG_FILE} do to a real {@code run} (logging is set up by
 * {@code Main.main}, so in a process of its own), and how a value that cannot be used is refused.
 */
class TestLogOutput {

    private static final Pattern TEXT_LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) [\\w$]+ - .*");

    @TempDir
    Path folder;

    @Test
    void jsonFromTheEnvironmentMakesEveryLogLineOnStderrAJsonObject() throws Exception {
        try (MainProcess run = MainProcess.start(folder, Map.of("MARKETFEED_LOG_FORMAT", "json"), List.of(), "run",
                "--duration", "2s", "--format", "jsonl", "-Dmarketfeed.sinks=[]")) {
            assertEquals(ExitCode.OK, run.awaitExit(Duration.ofSeconds(60)), run.err());
            List<String> err = run.err().lines().collect(Collectors.toList());
            List<String> json = err.stream().filter(line -> line.startsWith("{")).collect(Collectors.toList());
            for (String line : json) {
                assertTrue(line.matches("^\\{\"time\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\","
                        + "\"level\":\"[A-Z]+\",\"logger\":\"[\\w.$]+\",\"thread\":.*\\}$"), line);
                assertEquals(JsonToken.END_OBJECT, lastToken(line), line);
            }
            assertTrue(json.stream().anyMatch(line -> line.contains("\"logger\":\"io.marketfeed.app.run.FeedRunner\"")
                    && line.contains("\"message\":\"Streaming from ")), run.err());
            assertTrue(json.stream().anyMatch(line -> line.contains("\"message\":\"Stopping: 2s elapsed\"")),
                    run.err());
            // The other lines on stderr are the run's messages for people (the demo note, the summary).
            assertTrue(err.stream().noneMatch(line -> TEXT_LOG_LINE.matcher(line).matches()), run.err());
            assertTrue(run.err().contains("Summary after "), run.err());
            // Stdout has the events only.
            List<String> out = run.out().lines().collect(Collectors.toList());
            assertFalse(out.isEmpty());
            assertTrue(out.stream().allMatch(line -> line.startsWith("{\"type\":")), out.get(0));
        }
    }

    @Test
    void aLogFileAsSystemPropertyGetsTheSameTextLinesAsStderr() throws Exception {
        Path file = folder.resolve("logs/marketfeed.log");
        try (MainProcess run = MainProcess.start(folder, Map.of(), List.of("-DMARKETFEED_LOG_FILE=" + file),
                "run", "--duration", "2s", "--format", "none", "-Dmarketfeed.sinks=[]")) {
            assertEquals(ExitCode.OK, run.awaitExit(Duration.ofSeconds(60)), run.err());
            List<String> logged = run.err().lines().filter(line -> TEXT_LOG_LINE.matcher(line).matches())
                    .collect(Collectors.toList());
            assertTrue(logged.stream().anyMatch(line -> line.contains(" INFO  FeedRunner - Streaming from ")),
                    run.err());
            List<String> inFile = Files.readAllLines(file);
            assertEquals(logged, inFile.stream().filter(line -> TEXT_LOG_LINE.matcher(line).matches())
                    .collect(Collectors.toList()), "the file has the log lines of stderr");
            // Only them: the run's messages for people (the demo note, the summary) stay on stderr.
            assertTrue(inFile.stream().noneMatch(line -> line.startsWith("Summary after")
                    || line.startsWith("No API keys configured")), String.join("\n", inFile));
            assertTrue(logged.get(0).contains("LogSetup - Logging to " + file + " as well"), logged.get(0));
        }
    }

    @Test
    void anUnknownFormatOrAFolderAsLogFileIsAConfigurationError() throws IOException {
        Result format = run(Map.of("MARKETFEED_LOG_FORMAT", "xml"), "config");
        assertEquals(ExitCode.USAGE_OR_CONFIG, format.code);
        assertEquals("config error: MARKETFEED_LOG_FORMAT (environment variable MARKETFEED_LOG_FORMAT): unknown log "
                + "format 'xml'; use text or json (in any case), or unset it for text\n", format.err);

        Result folderAsFile = run(Map.of("MARKETFEED_LOG_FILE", folder.toString(), "MARKETFEED_LOG_FORMAT", "JSON"),
                "providers");
        assertEquals(ExitCode.USAGE_OR_CONFIG, folderAsFile.code);
        assertEquals("config error: MARKETFEED_LOG_FILE (environment variable MARKETFEED_LOG_FILE): " + folder
                + " is a folder; name a file in it, such as " + folder.resolve("marketfeed.log") + "\n",
                folderAsFile.err);
        assertEquals("", folderAsFile.out);

        Path notAFolder = Files.writeString(folder.resolve("file"), "x");
        Result underAFile = run(Map.of("MARKETFEED_LOG_FILE", notAFolder.resolve("logs/marketfeed.log").toString()),
                "config");
        assertEquals(ExitCode.USAGE_OR_CONFIG, underAFile.code);
        assertTrue(underAFile.err.contains("cannot create " + notAFolder.resolve("logs/marketfeed.log") + " ("
                + notAFolder + " is not a folder this user can write to)"), underAFile.err);

        assertEquals(ExitCode.OK, run(Map.of("MARKETFEED_LOG_FORMAT", "Text",
                "MARKETFEED_LOG_FILE", folder.resolve("new/marketfeed.log").toString()), "config").code);
    }

    private static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Reads a whole line as JSON: the last token of a well-formed single object is its end. */
    private static JsonToken lastToken(String line) throws IOException {
        JsonToken last = null;
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                last = token;
                if (parser.getParsingContext().inRoot() && token == JsonToken.END_OBJECT) {
                    assertEquals(null, parser.nextToken(), "one object per line: " + line);
                    break;
                }
            }
        }
        return last;
    }

    private record Result(int code, String out, String err) {
    }
}

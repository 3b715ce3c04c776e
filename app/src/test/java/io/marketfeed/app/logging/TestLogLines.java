package io.marketfeed.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The log lines themselves, from the app's own {@code logback.xml} with {@link LogSetup} applied, in a logger
 * context of the test's: written to a log file in a temporary folder, where they can be read back.
 */
class TestLogLines {

    /** ISO-8601 in UTC with milliseconds, as {@link JsonLogEncoder#TIME} writes it. */
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    @TempDir
    Path folder;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aTextLineStartsWithTheIsoTimeInUtcThenLevelLoggerAndMessage() throws Exception {
        Path file = folder.resolve("logs/marketfeed.log"); // the folder is created
        apply(new LogSettings(LogSettings.Format.TEXT, Optional.of(file)), LogSetup.Rotation.DEFAULT);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        context.getLogger("io.marketfeed.app.run.FeedRunner").info("Streaming from {}", "sahmk");
        Instant after = Instant.now();

        List<String> lines = Files.readAllLines(file);
        String last = lines.get(lines.size() - 1);
        Matcher matcher = Pattern.compile("^(" + TIME + ") INFO  FeedRunner - Streaming from sahmk$").matcher(last);
        assertTrue(matcher.matches(), last);
        Instant time = Instant.parse(matcher.group(1));
        assertFalse(time.isBefore(before) || time.isAfter(after), time + " is not the time of logging");
        // Every line of the file is a log line with its time: the first says where the log goes.
        lines.forEach(line -> assertTrue(TIME.matcher(line).lookingAt(), line));
        assertTrue(lines.get(0).contains("LogSetup - Logging to " + file + " as well (rolled daily (UTC) and at "
                + "50 MB, gzip-compressed, kept 14 days and at most 1 GB in all)"), lines.get(0));
    }

    @Test
    void aJsonLineIsOneObjectWithTimeLevelLoggerThreadMessageAndError() throws Exception {
        Path file = folder.resolve("marketfeed.log");
        apply(new LogSettings(LogSettings.Format.JSON, Optional.of(file)), LogSetup.Rotation.DEFAULT);
        Logger logger = context.getLogger("io.marketfeed.sink.SinkWriter");
        logger.warn("Sink '{}' cannot write: {}", "pg", "line one\nline \"two\"\t\u0001",
                new IllegalStateException("store down"));
        logger.info("plain");

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), String.join("\n", lines)); // LogSetup's own line, then these two
        Map<String, String> warning = object(lines.get(1));
        assertEquals(List.of("time", "level", "logger", "thread", "message", "error"),
                List.copyOf(warning.keySet()));
        assertTrue(TIME.matcher(warning.get("time")).matches(), warning.get("time"));
        assertEquals("WARN", warning.get("level"));
        assertEquals("io.marketfeed.sink.SinkWriter", warning.get("logger"));
        assertEquals(Thread.currentThread().getName(), warning.get("thread"));
        assertEquals("Sink 'pg' cannot write: line one\nline \"two\"\t\u0001", warning.get("message"));
        assertTrue(warning.get("error").startsWith("java.lang.IllegalStateException: store down\n\tat "
                + getClass().getName()), warning.get("error"));
        Map<String, String> plain = object(lines.get(2));
        assertEquals("plain", plain.get("message"));
        assertNull(plain.get("error"));
        assertTrue(lines.get(2).startsWith("{\"time\":\""), lines.get(2));
    }

    @Test
    void theLogFileRollsOverBySizeIntoGzipFilesBesideIt() throws Exception {
        Path file = folder.resolve("marketfeed.log");
        apply(new LogSettings(LogSettings.Format.TEXT, Optional.of(file)),
                new LogSetup.Rotation(FileSize.valueOf("2KB"), 14, FileSize.valueOf("1MB")));
        Logger logger = context.getLogger("io.marketfeed.Test");
        for (int i = 0; i < 100; i++) {
            logger.info("line {} {}", i, "x".repeat(60));
        }

        context.stop(); // waits for the compressions running on logback's threads

        List<String> rolled;
        try (Stream<Path> files = Files.list(folder)) {
            rolled = files.map(path -> path.getFileName().toString()).filter(name -> !name.equals("marketfeed.log"))
                    .sorted().collect(Collectors.toList());
        }
        assertFalse(rolled.isEmpty(), "nothing rolled over");
        rolled.forEach(name -> assertTrue(name.matches("marketfeed\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.gz"), name));
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve(rolled.get(0))))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.contains("INFO  Test - line 0 xxx"), text);
        assertTrue(Files.size(file) < 2 * 1024 + 200, "the active file is no bigger than the limit and a line");
        assertTrue(Files.readString(file).contains("line 99 "), "the newest lines are in the active file");
    }

    /** Configures {@link #context} from the app's {@code logback.xml}, then applies {@code settings}. */
    private void apply(LogSettings settings, LogSetup.Rotation rotation) throws Exception {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what a context made by logback itself gets
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
        assertEquals(List.of(), LogSetup.apply(context, settings, rotation));
    }

    /** A flat JSON object of strings, in order. */
    private static Map<String, String> object(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken(), line);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                assertEquals(JsonToken.VALUE_STRING, parser.nextToken(), line);
                fields.put(name, parser.getText());
            }
            assertNull(parser.nextToken(), "one object per line: " + line);
        }
        return fields;
    }
}

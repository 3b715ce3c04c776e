package io.marketfeed.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys of {@code type = file}: defaults, values, and the messages for wrong ones. */
class FileSinkFactoryTest {

    private static final Path WORK = Path.of("/srv/feed");

    private static FileSinkSettings settings(String hocon) {
        return FileSinkFactory.settings(HoconSinkConfig.parse("type = file\n" + hocon, WORK));
    }

    private static String problem(String hocon) {
        return assertThrows(SinkConfigException.class, () -> settings(hocon)).getMessage();
    }

    @Test
    void defaults() {
        assertEquals(new FileSinkSettings(WORK.resolve("data"), "events", 256L << 20, Duration.ofHours(1), false,
                "sink.dir"), settings(""));
    }

    @Test
    void everyKeyIsReadAndDocumented() {
        assertEquals(new FileSinkSettings(Path.of("/var/feed"), "quotes_eu.v2", 64L << 20, Duration.ofMinutes(15),
                true, "sink.dir"), settings("dir = \"/var/feed\", prefix = quotes_eu.v2, rotate-size = 64MiB, "
                        + "rotate-interval = 15m, gzip = true"));
        FileSinkFactory factory = new FileSinkFactory();
        assertEquals("file", factory.type());
        assertEquals(List.of("dir", "prefix", "rotate-size", "rotate-interval", "gzip"),
                List.copyOf(factory.keys().keySet()));
    }

    @Test
    void wrongValuesNameTheKeyAndWhatToWrite() {
        String prefix = problem("prefix = \"a/b\"");
        assertTrue(prefix.startsWith("sink.prefix") && prefix.contains("such as events, not \"a/b\""), prefix);
        String hidden = problem("prefix = \".x\"");
        assertTrue(hidden.contains("starting with a letter or digit"), hidden);
        String size = problem("rotate-size = 256");
        assertTrue(size.startsWith("sink.rotate-size") && size.contains("at least 4096 bytes"), size);
        String unitless = problem("rotate-interval = 3600");
        assertTrue(unitless.startsWith("sink.rotate-interval") && unitless.contains("needs a unit, such as 1h"),
                unitless);
        String interval = problem("rotate-interval = 500ms");
        assertTrue(interval.startsWith("sink.rotate-interval") && interval.contains("at least 1s, not 500ms"),
                interval);
        String gzip = problem("gzip = maybe");
        assertTrue(gzip.startsWith("sink.gzip") && gzip.contains("true or false"), gzip);
    }
}

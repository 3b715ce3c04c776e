package io.marketfeed.sink.file;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes {@link FileSink}s, {@code type = file}: JSON lines files in a folder, rotated by size and time,
 * optionally gzip-compressed.
 *
 * <pre>
 * marketfeed.sinks = [{type = file, dir = "data/feed", prefix = quotes, rotate-size = 64MiB,
 *                      rotate-interval = 15m, gzip = true}]
 * </pre>
 *
 * <p>Stateless; any thread.
 */
public final class FileSinkFactory implements SinkFactory {

    static final String DEFAULT_DIR = "data";
    static final String DEFAULT_PREFIX = "events";
    static final long DEFAULT_ROTATE_SIZE = 256L * 1024 * 1024;
    /** Below this a size is a slip ({@code rotate-size = 256} meant MiB), and would make a file per few lines. */
    static final long MIN_ROTATE_SIZE = 4096;
    static final Duration DEFAULT_ROTATE_INTERVAL = Duration.ofHours(1);
    static final Duration MIN_ROTATE_INTERVAL = Duration.ofSeconds(1);
    /** A duration without unit: milliseconds in HOCON, and surely not what {@code rotate-interval = 3600} meant. */
    private static final Pattern NUMBER = Pattern.compile("[0-9.]+");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> KEYS = keys(
            "dir", "the folder of the files, created when missing (default " + DEFAULT_DIR + ")",
            "prefix", "the start of every file name: <prefix>-<UTC start time>-<n>.jsonl (default " + DEFAULT_PREFIX
                    + ")",
            "rotate-size", "a file is finished once it holds this much on disk, such as 64MiB (default 256MiB)",
            "rotate-interval", "a file is finished at the first write this long after it was started (default 1h)",
            "gzip", "true writes gzip-compressed .jsonl.gz files, read with zcat (default false)");

    @Override
    public String type() {
        return "file";
    }

    @Override
    public String description() {
        return "JSON lines files in a folder (the jsonl schema), rotated by size and time, optionally gzip-compressed";
    }

    @Override
    public Map<String, String> keys() {
        return KEYS;
    }

    @Override
    public Sink create(SinkConfig config) {
        return new FileSink(settings(config), Clock.systemUTC());
    }

    /** Reads and checks the keys. */
    static FileSinkSettings settings(SinkConfig config) {
        Path dir = config.path("dir", DEFAULT_DIR);
        String prefix = config.string("prefix", DEFAULT_PREFIX);
        if (!PREFIX.matcher(prefix).matches()) {
            throw config.problem("prefix", "must be up to 100 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit, such as " + DEFAULT_PREFIX + ", not \"" + prefix + "\"");
        }
        long rotateSize = config.bytes("rotate-size", DEFAULT_ROTATE_SIZE, MIN_ROTATE_SIZE);
        String interval = config.string("rotate-interval", "");
        if (NUMBER.matcher(interval).matches()) {
            throw config.problem("rotate-interval", "needs a unit, such as 1h, 15m or 30s, not " + interval
                    + " (a number alone would be milliseconds)");
        }
        Duration rotateInterval = config.duration("rotate-interval", DEFAULT_ROTATE_INTERVAL);
        if (rotateInterval.compareTo(MIN_ROTATE_INTERVAL) < 0) {
            throw config.problem("rotate-interval", "must be at least 1s, not " + rotateInterval.toMillis() + "ms");
        }
        boolean gzip = config.flag("gzip", false);
        return new FileSinkSettings(dir, prefix, rotateSize, rotateInterval, gzip, config.blockPath() + ".dir");
    }

    private static Map<String, String> keys(String... keysAndDocs) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndDocs.length; i += 2) {
            keys.put(keysAndDocs[i], keysAndDocs[i + 1]);
        }
        return Collections.unmodifiableMap(keys);
    }
}

package io.marketfeed.sink.sqlite;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code type = sqlite}: the embedded default. One database file, WAL journal, one writer, a table per event
 * kind and {@code latest_quote}; see {@link SqliteSink}.
 */
public final class SqliteSinkFactory implements SinkFactory {

    static final String DEFAULT_PATH = "marketfeed.db";

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public String description() {
        return "an SQLite database file (the default: marketfeed.db)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("path", "the database file, created when missing (default marketfeed.db, relative to the "
                + "working directory)");
        keys.put("synchronous", "normal (default: a committed batch survives a crash of the process) or full (it "
                + "also survives a power loss, about 3x slower)");
        return keys;
    }

    @Override
    public Sink create(SinkConfig config) {
        Path path = config.path("path", DEFAULT_PATH);
        String synchronous = config.choice("synchronous", "normal", Set.of("normal", "full"));
        return new SqliteSink(path, synchronous);
    }
}

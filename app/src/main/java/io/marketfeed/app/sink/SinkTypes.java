package io.marketfeed.app.sink;

import io.marketfeed.sink.SinkFactory;
import io.marketfeed.sink.file.FileSinkFactory;
import io.marketfeed.sink.kafka.KafkaSinkFactory;
import io.marketfeed.sink.postgres.PostgresSinkFactory;
import io.marketfeed.sink.questdb.QuestDbSinkFactory;
import io.marketfeed.sink.sqlite.SqliteSinkFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The sink types the runner has, by their {@code type} value, and the key that says where each one writes. */
public final class SinkTypes {

    public static final List<SinkFactory> ALL = List.of(new SqliteSinkFactory(), new FileSinkFactory(),
            new PostgresSinkFactory(), new QuestDbSinkFactory(), new KafkaSinkFactory());

    /** The key whose value names the store in messages ({@code Recording into marketfeed.db ...}). */
    private static final Map<String, String> TARGET_KEYS = Map.of("sqlite", "path", "file", "dir",
            "postgres", "url", "questdb", "host", "kafka", "bootstrap-servers");

    private SinkTypes() {
    }

    public static Optional<SinkFactory> find(String type) {
        return ALL.stream().filter(factory -> factory.type().equals(type)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(SinkFactory::type).collect(Collectors.toList());
    }

    static Optional<String> targetKey(String type) {
        return Optional.ofNullable(TARGET_KEYS.get(type));
    }
}

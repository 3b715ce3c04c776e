package io.marketfeed.sink.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code questdb} block and the tables it leads to: keys, defaults, wrong values (no server needed). */
class TestQuestDbSinkFactory {

    private final QuestDbSinkFactory factory = new QuestDbSinkFactory();

    @Test
    void documentsItsOwnKeysOnly() {
        assertEquals("questdb", factory.type());
        assertEquals(List.of("host", "http-port", "table-prefix", "username", "password", "request-timeout"),
                List.copyOf(factory.keys().keySet()));
        factory.keys().forEach((key, doc) -> {
            assertFalse(SinkConfig.COMMON_KEYS.contains(key), key);
            assertFalse(doc.isBlank() || doc.contains("\n"), key);
        });
    }

    @Test
    void defaults() {
        QuestDbSettings settings = settings("");
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9000, settings.httpPort());
        assertEquals("", settings.tablePrefix());
        assertEquals(Optional.empty(), settings.username());
        assertEquals(Optional.empty(), settings.basicAuthorization());
        assertEquals(Duration.ofSeconds(10), settings.requestTimeout());
        assertEquals("http://127.0.0.1:9000", settings.shownUrl());
        assertEquals("sink.http-port", settings.key("http-port"));
        assertEquals("trades", settings.tableName("trades"));
        assertTrue(factory.create(HoconSinkConfig.parse("type = questdb", Path.of("."))) instanceof QuestDbSink);
    }

    @Test
    void everyKeyIsReadAndThePasswordNeverShows() {
        QuestDbSettings settings = settings("host = \" qdb.example \"\nhttp-port = 19000\ntable-prefix = mf_\n"
                + "username = \" bob \"\npassword = \"s3cret-pw\"\nrequest-timeout = 1500ms");
        assertEquals("qdb.example", settings.host());
        assertEquals(19000, settings.httpPort());
        assertEquals("mf_trades", settings.tableName("trades"));
        assertEquals(Optional.of("bob"), settings.username());
        assertEquals(Optional.of("s3cret-pw"), settings.password());
        assertEquals(Optional.of("Basic Ym9iOnMzY3JldC1wdw=="), settings.basicAuthorization());
        assertEquals(1500, settings.requestTimeoutMillis());
        assertFalse(settings.toString().contains("s3cret-pw"), settings.toString());
        assertTrue(settings.toString().contains("password=(set)"), settings.toString());
        assertEquals("QuestDbSink[http://qdb.example:19000, table-prefix mf_]",
                new QuestDbSink(settings).toString());
    }

    @Test
    void wrongValuesAreRefusedWithTheKeyNamed() {
        assertProblem("host = \"http://127.0.0.1:9000\"", "sink.host",
                "must be the host alone, such as 127.0.0.1 or questdb.example.com: the port goes in http-port");
        assertProblem("host = \"a b\"", "sink.host", "must be a host name or an address, such as 127.0.0.1, not "
                + "\"a b\"");
        assertProblem("http-port = 0", "sink.http-port", "must be from 1 to 65535, not 0");
        assertProblem("table-prefix = \"mf.\"", "sink.table-prefix",
                "may hold letters, digits and _ only, such as mf_, not \"mf.\"");
        assertProblem("username = bob", "sink.password", "is needed with username: set it, best as ${?QDB_PASSWORD}");
        assertProblem("password = \"s3cret-pw\"", "sink.username",
                "is needed with password: set the user of the server's http.user");
        assertProblem("request-timeout = 0s", "sink.request-timeout", "must be longer than zero, not 0s");
    }

    @Test
    void tablesKeepDecimalsExactAndDeduplicateOnTheEventId() {
        QuestDbSchema schema = new QuestDbSchema(settings("table-prefix = mf_"));
        assertEquals("CREATE TABLE IF NOT EXISTS \"mf_trades\" (\"run_id\" LONG, \"seq\" LONG, \"provider\" SYMBOL, "
                + "\"received_at\" TIMESTAMP_NS, \"symbol\" SYMBOL, \"price\" DECIMAL(76, 38), \"size\" DECIMAL(76, 38), "
                + "\"value\" DECIMAL(76, 38), \"side\" SYMBOL, \"trade_id\" VARCHAR, \"time\" TIMESTAMP_NS) "
                + "TIMESTAMP(\"received_at\") PARTITION BY DAY WAL DEDUP UPSERT KEYS(\"received_at\", \"run_id\", "
                + "\"seq\")", schema.create(EventTables.TRADES));
        for (EventTables.Table table : EventTables.ALL) {
            String create = schema.create(table);
            assertFalse(create.contains("DOUBLE") || create.contains("FLOAT"), create);
        }
    }

    private QuestDbSettings settings(String block) {
        return factory.settings(HoconSinkConfig.parse("type = questdb\n" + block, Path.of(".")));
    }

    private void assertProblem(String block, String path, String problem) {
        SinkConfigException e = assertThrows(SinkConfigException.class, () -> settings(block));
        assertEquals(path, e.path());
        assertEquals(problem, e.problem());
    }
}

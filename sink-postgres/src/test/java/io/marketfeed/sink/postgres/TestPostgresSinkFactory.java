package io.marketfeed.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code postgres} block: keys, defaults, and wrong values refused with the key named (no server needed). */
class TestPostgresSinkFactory {

    private final PostgresSinkFactory factory = new PostgresSinkFactory();

    @Test
    void documentsItsOwnKeysOnly() {
        assertEquals("postgres", factory.type());
        assertEquals(java.util.List.of("url", "user", "password", "schema", "create-schema", "connect-timeout",
                "socket-timeout"), java.util.List.copyOf(factory.keys().keySet()));
        factory.keys().forEach((key, doc) -> {
            assertFalse(SinkConfig.COMMON_KEYS.contains(key), key);
            assertFalse(doc.isBlank() || doc.contains("\n"), key);
        });
    }

    @Test
    void defaultsAndDriverProperties() {
        PostgresSettings settings = settings("url = \"jdbc:postgresql://db.example:5433/market?sslmode=require\"");
        assertEquals("public", settings.schema());
        assertTrue(settings.createSchema());
        assertEquals(Optional.empty(), settings.password());
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.socketTimeout());
        assertEquals("jdbc:postgresql://db.example:5433/market", settings.shownUrl());
        assertEquals("market", settings.database());
        assertEquals("sink.password", settings.key("password"));

        Properties properties = settings.connectionProperties();
        assertEquals("true", properties.getProperty("reWriteBatchedInserts"));
        assertEquals("5", properties.getProperty("connectTimeout"));
        assertEquals("5", properties.getProperty("loginTimeout"));
        assertEquals("10", properties.getProperty("socketTimeout"));
        assertEquals("marketfeed postgres", properties.getProperty("ApplicationName"));
        assertFalse(properties.containsKey("password"));
    }

    @Test
    void everyKeyIsRead() {
        PostgresSettings settings = settings("name = archive\nurl = \"jdbc:postgresql://h/db\"\nuser = \" bob \"\n"
                + "password = \"s3cret-pw\"\nschema = Market\ncreate-schema = false\nconnect-timeout = 1500ms\n"
                + "socket-timeout = 1m");
        assertEquals(Optional.of("bob"), settings.user());
        assertEquals("bob", settings.effectiveUser());
        assertEquals("Market", settings.schema());
        assertFalse(settings.createSchema());
        Properties properties = settings.connectionProperties();
        assertEquals("s3cret-pw", properties.getProperty("password"));
        assertEquals("bob", properties.getProperty("user"));
        // The driver counts whole seconds: rounded up, never down to "no timeout".
        assertEquals("2", properties.getProperty("connectTimeout"));
        assertEquals("60", properties.getProperty("socketTimeout"));
        assertEquals("marketfeed archive", properties.getProperty("ApplicationName"));
        assertFalse(settings.toString().contains("s3cret-pw"), settings.toString());
        assertFalse(factory.create(config("url = \"jdbc:postgresql://h/db\"\npassword = \"s3cret-pw\""))
                .toString().contains("s3cret-pw"));
    }

    @Test
    void theUserDefaultsToTheUrlsThenTheSystems() {
        assertEquals("carol", settings("url = \"jdbc:postgresql://h/db?user=carol\"").effectiveUser());
        assertEquals(System.getProperty("user.name"), settings("url = \"jdbc:postgresql://h/db\"").effectiveUser());
    }

    @Test
    void wrongValuesAreRefusedWithTheKeyNamed() {
        assertProblem("", "sink.url", "is required for a sink of type postgres");
        assertProblem("url = \"jdbc:mysql://h/db\"", "sink.url", "must look like jdbc:postgresql://host:5432/database");
        assertProblem("url = \"postgres://h/db\"", "sink.url", "must look like jdbc:postgresql://host:5432/database");
        assertProblem("url = \"jdbc:postgresql://h/db\"\nschema = \" \"", "sink.schema",
                "must name a schema, such as public");
        assertProblem("url = \"jdbc:postgresql://h/db\"\nsocket-timeout = soon", "sink.socket-timeout",
                "must be a duration such as 200ms, 5s or 1h, not \"soon\"");
        assertProblem("url = \"jdbc:postgresql://h/db\"\ncreate-schema = maybe", "sink.create-schema",
                "must be true or false, not \"maybe\"");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        SinkConfigException problem = assertThrows(SinkConfigException.class,
                () -> factory.create(config("url = \"jdbc:postgresql://h/db?user=u&password=hunter2\"")));
        assertEquals("sink.url", problem.path());
        assertEquals("must not carry the password (it would show wherever the url does): put it in the password "
                + "key, best as ${?PGPASSWORD}", problem.problem());
        assertFalse(problem.getMessage().contains("hunter2"));
    }

    private void assertProblem(String hocon, String path, String message) {
        SinkConfigException problem = assertThrows(SinkConfigException.class,
                () -> factory.create(config("type = postgres\n" + hocon)));
        assertEquals(path, problem.path());
        assertEquals(message, problem.problem());
    }

    private PostgresSettings settings(String hocon) {
        return factory.settings(config(hocon));
    }

    private static HoconSinkConfig config(String hocon) {
        return HoconSinkConfig.parse(hocon.contains("type =") ? hocon : "type = postgres\n" + hocon, Path.of("."));
    }
}

package io.marketfeed.sink.postgres;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Makes {@link PostgresSink}s: {@code marketfeed.sinks = [{type = postgres, url =
 * "jdbc:postgresql://127.0.0.1:5432/market", user = marketfeed, password = ${?PGPASSWORD}}]}.
 *
 * <p>Stateless; any thread.
 */
public final class PostgresSinkFactory implements SinkFactory {

    /** Connecting and logging in: long enough for a server across a WAN, short enough to notice one that is down. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** One round trip: a batch of a few thousand rows takes well under a second on a healthy server. */
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String description() {
        return "PostgreSQL tables, one per event kind plus latest_quote (exact numeric decimals, times to the "
                + "microsecond, idempotent writes)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("url", "the server and database, such as jdbc:postgresql://127.0.0.1:5432/market (required; driver "
                + "parameters such as ?sslmode=require may follow, but not the password)");
        keys.put("user", "the user to log in as (default: the url's user, else the operating system's)");
        keys.put("password", "the user's password, best as ${?PGPASSWORD} (default: none, or ~/.pgpass)");
        keys.put("schema", "the schema of the tables, case-sensitive (default: public)");
        keys.put("create-schema", "create the schema and tables that are missing when connecting (default: true; "
                + "false for a user without the CREATE privilege, the tables must then exist)");
        keys.put("connect-timeout", "how long connecting and logging in may take before the attempt fails "
                + "(default: 5s)");
        keys.put("socket-timeout", "how long the server may stay silent during a write before it fails and is "
                + "retried (default: 10s)");
        return keys;
    }

    @Override
    public Sink create(SinkConfig config) {
        return new PostgresSink(settings(config));
    }

    /** Reads and checks the block; a wrong value throws {@link SinkConfig#problem}. */
    PostgresSettings settings(SinkConfig config) {
        String url = config.requiredString("url").strip();
        checkUrl(config, url);
        Optional<String> user = config.string("user").map(String::strip).filter(value -> !value.isEmpty());
        Optional<String> password = config.secret("password");
        String schema = config.string("schema", "public");
        if (schema.isBlank()) {
            throw config.problem("schema", "must name a schema, such as public");
        }
        boolean createSchema = config.flag("create-schema", true);
        Duration connectTimeout = config.duration("connect-timeout", DEFAULT_CONNECT_TIMEOUT);
        Duration socketTimeout = config.duration("socket-timeout", DEFAULT_SOCKET_TIMEOUT);
        return new PostgresSettings(url, user, password, schema, createSchema, connectTimeout, socketTimeout,
                config.blockPath(), "marketfeed " + config.name());
    }

    private static void checkUrl(SinkConfig config, String url) {
        Properties parsed = url.startsWith("jdbc:postgresql:") ? org.postgresql.Driver.parseURL(url, null) : null;
        if (parsed == null) {
            // The url may carry a password, so it is not quoted.
            throw config.problem("url", "must look like jdbc:postgresql://host:5432/database");
        }
        for (String name : parsed.stringPropertyNames()) {
            if (name.toLowerCase(Locale.ROOT).equals("password")) {
                throw config.problem("url", "must not carry the password (it would show wherever the url does): "
                        + "put it in the password key, best as ${?PGPASSWORD}");
            }
        }
    }
}

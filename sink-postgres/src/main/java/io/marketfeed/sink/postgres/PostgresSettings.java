package io.marketfeed.sink.postgres;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL sink's checked configuration (see {@link PostgresSinkFactory#keys()}).
 *
 * <p>Immutable; any thread. {@link #toString()} leaves the password out.
 *
 * @param url the JDBC url, without a password in it
 * @param user the user to log in as; empty for the driver's default (the url's {@code user}, else the OS user)
 * @param password the password; empty when the server asks for none
 * @param schema the schema the tables live in, as written (quoted in SQL, so case-sensitive)
 * @param createSchema whether {@link PostgresSink#open()} creates the schema and tables that are missing
 * @param connectTimeout how long connecting and logging in may take
 * @param socketTimeout how long one round trip to the server may take before the write fails
 * @param configPath the block's path in messages, such as {@code marketfeed.sinks[0]}
 * @param applicationName what {@code pg_stat_activity} shows for the connection
 */
record PostgresSettings(String url, Optional<String> user, Optional<String> password, String schema,
        boolean createSchema, Duration connectTimeout, Duration socketTimeout, String configPath,
        String applicationName) {

    /** The url without its parameters, for messages. */
    String shownUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The full path of one of this sink's keys, for messages: {@code marketfeed.sinks[0].password}. */
    String key(String key) {
        return configPath.isEmpty() ? key : configPath + "." + key;
    }

    /** The user the server sees: the configured one, else the url's, else the operating system's. */
    String effectiveUser() {
        return user.or(() -> Optional.ofNullable(urlProperty("user")))
                .orElseGet(() -> System.getProperty("user.name", "?"));
    }

    /** The database named in the url; empty when the url names none. */
    String database() {
        String database = urlProperty("PGDBNAME");
        return database == null ? "" : database;
    }

    /**
     * The driver's connection properties: login, batched-insert rewriting and the timeouts. Parameters written in
     * the url win over these (the driver's rule), so a url may still raise {@code socketTimeout}.
     */
    Properties connectionProperties() {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        // One multi-row INSERT per table and batch instead of one round trip per event.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", seconds(connectTimeout));
        properties.setProperty("loginTimeout", seconds(connectTimeout));
        properties.setProperty("socketTimeout", seconds(socketTimeout));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", applicationName);
        return properties;
    }

    private String urlProperty(String name) {
        Properties parsed = org.postgresql.Driver.parseURL(url, null);
        return parsed == null ? null : parsed.getProperty(name);
    }

    /** The driver counts whole seconds; a shorter timeout is rounded up rather than turned into "none". */
    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + shownUrl() + ", user=" + effectiveUser() + ", password="
                + (password.isPresent() ? "(set)" : "(none)") + ", schema=" + schema + ", createSchema="
                + createSchema + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + "]";
    }
}

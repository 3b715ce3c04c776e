package io.marketfeed.sink.questdb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A QuestDB sink's checked configuration (see {@link QuestDbSinkFactory#keys()}).
 *
 * <p>Immutable; any thread. {@link #toString()} leaves the password out.
 *
 * @param host the server's host name or address
 * @param httpPort the port of its HTTP server (ILP over HTTP and {@code /exec})
 * @param tablePrefix put before every table name, such as {@code mf_}; may be empty
 * @param username the HTTP basic-auth user; empty when the server asks for none
 * @param password that user's password; present exactly when {@code username} is
 * @param requestTimeout how long connecting, and one request, may take before the call fails
 * @param configPath the block's path in messages, such as {@code marketfeed.sinks[0]}
 */
record QuestDbSettings(String host, int httpPort, String tablePrefix, Optional<String> username,
        Optional<String> password, Duration requestTimeout, String configPath) {

    /** The server's address in messages and URLs: {@code http://127.0.0.1:9000}. */
    String shownUrl() {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + httpPort;
    }

    /** The full path of one of this sink's keys, for messages: {@code marketfeed.sinks[0].password}. */
    String key(String key) {
        return configPath.isEmpty() ? key : configPath + "." + key;
    }

    /** The name of {@code table} in QuestDB. */
    String tableName(String table) {
        return tablePrefix + table;
    }

    /** The value of an {@code Authorization} header; empty without a user. */
    Optional<String> basicAuthorization() {
        return username.map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #requestTimeout} in whole milliseconds, at least one, at most what an {@code int} holds. */
    int requestTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, requestTimeout.toMillis()));
    }

    @Override
    public String toString() {
        return "QuestDbSettings[" + shownUrl() + ", tablePrefix=" + tablePrefix + ", username="
                + username.orElse("(none)") + ", password=" + (password.isPresent() ? "(set)" : "(none)")
                + ", requestTimeout=" + requestTimeout + "]";
    }
}

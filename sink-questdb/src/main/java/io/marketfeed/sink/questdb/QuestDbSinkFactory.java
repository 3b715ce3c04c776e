package io.marketfeed.sink.questdb;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes {@link QuestDbSink}s: {@code marketfeed.sinks = [{type = questdb, host = "127.0.0.1", http-port = 9000}]}.
 *
 * <p>Stateless; any thread.
 */
public final class QuestDbSinkFactory implements SinkFactory {

    /** Connecting, and one request: a batch of a few thousand rows takes milliseconds on a healthy server. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]+");

    @Override
    public String type() {
        return "questdb";
    }

    @Override
    public String description() {
        return "QuestDB tables over ILP/HTTP, one per event kind (exact DECIMAL prices and sizes, nanosecond times, "
                + "deduplicated writes)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("host", "the QuestDB server's host name or address (default: 127.0.0.1)");
        keys.put("http-port", "the port of its HTTP server, which takes ILP writes and SQL (default: 9000)");
        keys.put("table-prefix", "put before every table name, letters, digits and _ only, such as mf_ "
                + "(default: none)");
        keys.put("username", "the user of the server's HTTP basic authentication (http.user; default: none)");
        keys.put("password", "that user's password, best as ${?QDB_PASSWORD} (http.password; default: none)");
        keys.put("request-timeout", "how long connecting, and one write or query, may take before it fails and is "
                + "retried (default: 10s)");
        return keys;
    }

    @Override
    public Sink create(SinkConfig config) {
        return new QuestDbSink(settings(config));
    }

    /** Reads and checks the block; a wrong value throws {@link SinkConfig#problem}. */
    QuestDbSettings settings(SinkConfig config) {
        String host = config.string("host", "127.0.0.1").strip();
        if (host.contains("://") || host.contains("/")) {
            throw config.problem("host", "must be the host alone, such as 127.0.0.1 or questdb.example.com: the "
                    + "port goes in http-port");
        }
        if (!HOST.matcher(host).matches()) {
            throw config.problem("host", "must be a host name or an address, such as 127.0.0.1, not \"" + host
                    + "\"");
        }
        int httpPort = config.integer("http-port", 9000, 1, 65_535);
        String prefix = config.string("table-prefix", "");
        if (!PREFIX.matcher(prefix).matches()) {
            throw config.problem("table-prefix", "may hold letters, digits and _ only, such as mf_, not \"" + prefix
                    + "\"");
        }
        Optional<String> username = config.string("username").map(String::strip).filter(user -> !user.isEmpty());
        Optional<String> password = config.secret("password");
        if (username.isPresent() && password.isEmpty()) {
            throw config.problem("password", "is needed with username: set it, best as ${?QDB_PASSWORD}");
        }
        if (username.isEmpty() && password.isPresent()) {
            throw config.problem("username", "is needed with password: set the user of the server's http.user");
        }
        Duration requestTimeout = config.duration("request-timeout", DEFAULT_REQUEST_TIMEOUT);
        return new QuestDbSettings(host, httpPort, prefix, username, password, requestTimeout, config.blockPath());
    }
}

package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.simulator.SimulatedProviders;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The runner's own validated settings (everything under {@code marketfeed} except the provider blocks).
 *
 * @param reconnect backoff for every connection
 * @param delivery the output's queue policy
 * @param stopTimeout the longest a graceful stop may take
 * @param connectTimeout the longest a handshake may take
 * @param output how events are written
 * @param simulator the embedded simulator
 * @param http the operations port ({@code /health}, {@code /ready}, {@code /metrics}, {@code /status})
 * @param quietSymbols when a symbol that stopped while its neighbours stream is reported
 * @param tls what {@code wss://} servers are verified against ({@code tls.*}), the trust store already loaded
 * @param maxMessageSize the largest message a server may send ({@code max-message-size.*})
 */
public record AppSettings(ReconnectPolicy reconnect, DeliveryPolicy delivery, Duration stopTimeout,
        Duration connectTimeout, Output output, Simulator simulator, Http http, QuietSymbols quietSymbols,
        TlsSettings tls, MaxMessageSize maxMessageSize) {

    public AppSettings {
        requireNonNull(reconnect, "reconnect is null");
        requireNonNull(delivery, "delivery is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(output, "output is null");
        requireNonNull(simulator, "simulator is null");
        requireNonNull(http, "http is null");
        requireNonNull(quietSymbols, "quietSymbols is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(maxMessageSize, "maxMessageSize is null");
    }

    /**
     * The largest message a server may send ({@code max-message-size}), in bytes.
     *
     * @param defaultSize for every provider without its own
     * @param providers the sizes of single providers, by provider id
     */
    public record MaxMessageSize(long defaultSize, Map<String, Long> providers) {
        public MaxMessageSize {
            providers = Map.copyOf(providers);
        }
    }

    /**
     * Quiet-symbol reports ({@code quiet-symbols}).
     *
     * @param after the silence that makes a symbol quiet; zero turns the reports off
     * @param providers thresholds of single providers (zero: off for that provider), by provider id
     */
    public record QuietSymbols(Duration after, Map<String, Duration> providers) {
        public QuietSymbols {
            requireNonNull(after, "after is null");
            providers = Map.copyOf(providers);
        }
    }

    /**
     * Output settings.
     *
     * @param format the configured format; {@link OutputFormat#AUTO} picks by terminal
     * @param tableRefresh how often the table is redrawn
     * @param tableRows the most quote rows the table shows
     */
    public record Output(OutputFormat format, Duration tableRefresh, int tableRows) {
        public Output {
            requireNonNull(format, "format is null");
            requireNonNull(tableRefresh, "tableRefresh is null");
        }
    }

    /**
     * The embedded simulator.
     *
     * @param enabled whether {@code run} starts it and points the listed providers at it
     * @param providers the providers whose simulations it hosts, on one port, in configuration order
     * @param port the loopback port, 0 for any free port
     */
    public record Simulator(boolean enabled, List<String> providers, int port) {
        public Simulator {
            providers = List.copyOf(providers);
        }
    }

    /**
     * The operations port.
     *
     * @param host the address it listens on; loopback by default
     * @param port the port, 0 for any free one; empty when it is off ({@code port = off}, the default)
     */
    public record Http(String host, OptionalInt port) {

        /** What {@code port} is set to when there is no operations port. */
        public static final String OFF = "off";

        public Http {
            requireNonNull(host, "host is null");
            requireNonNull(port, "port is null");
        }

        /** Whether the operations port is on. */
        public boolean enabled() {
            return port.isPresent();
        }
    }

    /** Reads and checks the settings; problems go to {@code in}. */
    static AppSettings read(ConfigReader in) {
        Duration initialDelay = in.duration(ConfigPaths.RECONNECT_INITIAL_DELAY, true);
        Duration maxDelay = in.duration(ConfigPaths.RECONNECT_MAX_DELAY, false);
        double multiplier = in.decimal(ConfigPaths.RECONNECT_MULTIPLIER, 1.0, 100.0);
        double jitter = in.decimal(ConfigPaths.RECONNECT_JITTER, 0.0, 1.0);
        Duration resetAfter = in.duration(ConfigPaths.RECONNECT_RESET_AFTER, true);
        if (maxDelay.compareTo(initialDelay) < 0) {
            in.problem(ConfigPaths.RECONNECT_MAX_DELAY, "must not be shorter than reconnect.initial-delay ("
                    + initialDelay.toMillis() + "ms)");
            maxDelay = initialDelay;
        }
        DeliveryPolicy.Mode mode = deliveryMode(in);
        int capacity = in.integer(ConfigPaths.DELIVERY_CAPACITY, 1, 10_000_000);
        Duration stopTimeout = in.duration(ConfigPaths.STOP_TIMEOUT, false);
        Duration connectTimeout = in.duration(ConfigPaths.CONNECT_TIMEOUT, false);
        Output output = new Output(in.choice(ConfigPaths.OUTPUT_FORMAT, OutputFormat.class, OutputFormat.AUTO),
                in.duration(ConfigPaths.OUTPUT_TABLE_REFRESH, false), in.integer(ConfigPaths.OUTPUT_TABLE_ROWS, 1,
                10_000));
        boolean simulated = in.bool(ConfigPaths.SIMULATOR_ENABLED);
        Simulator simulator = new Simulator(simulated, simulatedProviders(in, simulated),
                in.integer(ConfigPaths.SIMULATOR_PORT, 0, 65_535));
        return new AppSettings(new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, resetAfter),
                new DeliveryPolicy(mode, capacity), stopTimeout, connectTimeout, output, simulator, http(in),
                new QuietSymbols(in.duration(ConfigPaths.QUIET_AFTER, true), in.durations(ConfigPaths.QUIET_PROVIDERS)),
                TlsConfig.read(in), new MaxMessageSize(
                        in.bytes(ConfigPaths.MAX_MESSAGE_SIZE, MarketFeed.MIN_MAX_MESSAGE_SIZE,
                                MarketFeed.MAX_MAX_MESSAGE_SIZE),
                        in.byteSizes(ConfigPaths.MAX_MESSAGE_SIZE_PROVIDERS, MarketFeed.MIN_MAX_MESSAGE_SIZE,
                                MarketFeed.MAX_MAX_MESSAGE_SIZE)));
    }

    /**
     * {@code http.port}: {@code off}, or a port number (0: a free one); {@code http.host}: not blank. The port's
     * default is the string {@code off}, so the generic type check accepts a number there too; this checks it.
     */
    private static Http http(ConfigReader in) {
        String host = in.string(ConfigPaths.HTTP_HOST).trim();
        if (host.isEmpty()) {
            in.problem(ConfigPaths.HTTP_HOST, "is empty; set the address to listen on, such as \"127.0.0.1\" "
                    + "(loopback, the default) or \"0.0.0.0\" (every interface)");
        }
        String port = in.string(ConfigPaths.HTTP_PORT).trim();
        if (port.equalsIgnoreCase(Http.OFF)) {
            return new Http(host, OptionalInt.empty());
        }
        if (port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65_535) {
            return new Http(host, OptionalInt.of(Integer.parseInt(port)));
        }
        in.problem(ConfigPaths.HTTP_PORT, "must be a port number from 0 to 65535 (0 picks a free one) or off, got '"
                + port + "'");
        return new Http(host, OptionalInt.empty());
    }

    /** The delivery policy; {@code block}, its former name, is reported with the new one. */
    private static DeliveryPolicy.Mode deliveryMode(ConfigReader in) {
        if ("block".equals(in.string(ConfigPaths.DELIVERY_POLICY).trim())) {
            in.problem(ConfigPaths.DELIVERY_POLICY, "'block' is now called 'lossless' (every event is kept; the "
                    + "sockets pause while the output is behind): write policy = lossless");
            return DeliveryPolicy.Mode.LOSSLESS;
        }
        return in.choice(ConfigPaths.DELIVERY_POLICY, DeliveryPolicy.Mode.class, DeliveryPolicy.Mode.LOSSLESS);
    }

    /**
     * The ids in {@code simulator.providers}, without repeats. An id no simulator exists for is a problem, and so
     * is an empty list while the simulator is enabled.
     */
    private static List<String> simulatedProviders(ConfigReader in, boolean enabled) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(in.stringList(ConfigPaths.SIMULATOR_PROVIDERS)));
        for (String id : ids) {
            if (SimulatedProviders.find(id).isEmpty()) {
                in.problem(ConfigPaths.SIMULATOR_PROVIDERS, SimulatedProviders.unknown(id));
            }
        }
        if (enabled && ids.isEmpty() && in.problems().stream()
                .noneMatch(problem -> problem.path().equals(ConfigPaths.SIMULATOR_PROVIDERS))) {
            in.problem(ConfigPaths.SIMULATOR_PROVIDERS, "is empty while the simulator is enabled; list the providers "
                    + "to stream from it (" + String.join(", ", SimulatedProviders.ids())
                    + "), or set simulator.enabled = false");
        }
        return ids;
    }
}

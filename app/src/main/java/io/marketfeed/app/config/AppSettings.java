package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.simulator.SimulatedProviders;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The runner's own validated settings (everything under {@code marketfeed} except the provider blocks).
 *
 * @param reconnect backoff for every connection
 * @param delivery the output's queue policy
 * @param stopTimeout the longest a graceful stop may take
 * @param connectTimeout the longest a handshake may take
 * @param output how events are written
 * @param simulator the embedded simulator
 */
public record AppSettings(ReconnectPolicy reconnect, DeliveryPolicy delivery, Duration stopTimeout,
        Duration connectTimeout, Output output, Simulator simulator) {

    public AppSettings {
        requireNonNull(reconnect, "reconnect is null");
        requireNonNull(delivery, "delivery is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(output, "output is null");
        requireNonNull(simulator, "simulator is null");
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
                new DeliveryPolicy(mode, capacity), stopTimeout, connectTimeout, output, simulator);
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

package io.marketfeed.api;

import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keys every provider block has, and the helpers with which the host checks and applies them (since SPI 1.3 a
 * provider reads none of them: {@code heartbeat.*} and {@code limits.*} go over what its protocol declares, and
 * {@code credits.*} sets the credit policy). A provider lists them in its {@code reference.conf} with its defaults;
 * limit keys there are {@code null}, meaning "the plan's default".
 */
public final class CommonSettings {

    /** {@code enabled}: whether the runner starts this provider. */
    public static final String ENABLED = "enabled";
    /** {@code symbols}: the symbols to subscribe to on the provider's main topic. */
    public static final String SYMBOLS = "symbols";
    /** {@code heartbeat.interval}: how often the client pings. */
    public static final String HEARTBEAT_INTERVAL = "heartbeat.interval";
    /** {@code heartbeat.timeout}: the longest silence before a connection is replaced. */
    public static final String HEARTBEAT_TIMEOUT = "heartbeat.timeout";
    /** {@code limits.max-symbols-per-connection}. */
    public static final String MAX_SYMBOLS_PER_CONNECTION = "limits.max-symbols-per-connection";
    /** {@code limits.max-symbols-per-frame}. */
    public static final String MAX_SYMBOLS_PER_FRAME = "limits.max-symbols-per-frame";
    /** {@code limits.max-connections}. */
    public static final String MAX_CONNECTIONS = "limits.max-connections";
    /** {@code limits.min-control-gap}. */
    public static final String MIN_CONTROL_GAP = "limits.min-control-gap";
    /** {@code limits.min-reconnect-gap}. */
    public static final String MIN_RECONNECT_GAP = "limits.min-reconnect-gap";

    /** {@code credits.on-forecast-exhaustion}: {@code warn} or {@code trim}. */
    public static final String CREDITS_ON_FORECAST_EXHAUSTION = "credits.on-forecast-exhaustion";
    /** {@code credits.priority}: with {@code trim}, the symbols kept. */
    public static final String CREDITS_PRIORITY = "credits.priority";

    private CommonSettings() {
    }

    /** The heartbeat spec with configured {@code heartbeat.*} values applied over {@code defaults}. */
    public static HeartbeatSpec heartbeat(ProviderSettings settings, HeartbeatSpec defaults) {
        HeartbeatSpec spec = defaults;
        if (settings.hasPath(HEARTBEAT_INTERVAL)) {
            spec = spec.withInterval(settings.duration(HEARTBEAT_INTERVAL));
        }
        if (settings.hasPath(HEARTBEAT_TIMEOUT)) {
            spec = spec.withStaleTimeout(settings.duration(HEARTBEAT_TIMEOUT));
        }
        return spec;
    }

    /** The plan's limits with configured {@code limits.*} values applied. */
    public static Limits limits(ProviderSettings settings, Limits planDefaults) {
        Limits limits = planDefaults;
        if (settings.hasPath(MAX_SYMBOLS_PER_CONNECTION)) {
            limits = limits.withMaxSymbolsPerConnection(settings.integer(MAX_SYMBOLS_PER_CONNECTION));
        }
        if (settings.hasPath(MAX_SYMBOLS_PER_FRAME)) {
            limits = limits.withMaxSymbolsPerFrame(settings.integer(MAX_SYMBOLS_PER_FRAME));
        }
        if (settings.hasPath(MAX_CONNECTIONS)) {
            limits = limits.withMaxConnections(settings.integer(MAX_CONNECTIONS));
        }
        if (settings.hasPath(MIN_CONTROL_GAP)) {
            limits = limits.withMinControlGap(settings.duration(MIN_CONTROL_GAP));
        }
        if (settings.hasPath(MIN_RECONNECT_GAP)) {
            limits = limits.withMinReconnectGap(settings.duration(MIN_RECONNECT_GAP));
        }
        return limits;
    }

    /**
     * The credit policy from {@code credits.on-forecast-exhaustion} and {@code credits.priority}; warn-only when
     * they are absent.
     */
    public static CreditPolicy creditPolicy(ProviderSettings settings) {
        if (!settings.hasPath(CREDITS_ON_FORECAST_EXHAUSTION)) {
            return CreditPolicy.warn();
        }
        CreditPolicy.Mode mode = CreditPolicy.Mode.valueOf(
                settings.string(CREDITS_ON_FORECAST_EXHAUSTION).trim().toUpperCase(Locale.ROOT));
        List<String> priority = settings.hasPath(CREDITS_PRIORITY) ? settings.stringList(CREDITS_PRIORITY) : List.of();
        return new CreditPolicy(mode, priority);
    }

    /**
     * Every problem with the common keys, all at once: a value of the wrong type, a limit below 1, a duration that
     * is not positive (or negative, for the gaps), an unknown credit mode, {@code trim} without priority symbols,
     * and a {@code heartbeat.timeout} not longer than {@code heartbeat.interval}. The host checks these for every
     * provider (SPI 1.3); a provider has no need to.
     */
    public static List<SettingsProblem> problems(ProviderSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        for (String key : List.of(MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS)) {
            Integer value = read(settings, key, problems, "a whole number", settings::integer);
            if (value != null && value < 1) {
                problems.add(settings.problem(key, "must be at least 1, got " + value));
            }
        }
        Duration interval = positive(settings, HEARTBEAT_INTERVAL, problems);
        Duration timeout = positive(settings, HEARTBEAT_TIMEOUT, problems);
        if (interval != null && timeout != null && timeout.compareTo(interval) <= 0) {
            problems.add(settings.problem(HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval (" + interval
                    + "), or every connection would look stale between two heartbeats"));
        }
        for (String key : List.of(MIN_CONTROL_GAP, MIN_RECONNECT_GAP)) {
            Duration value = read(settings, key, problems, "a duration such as 500ms", settings::duration);
            if (value != null && value.isNegative()) {
                problems.add(settings.problem(key, "must not be negative"));
            }
        }
        String mode = read(settings, CREDITS_ON_FORECAST_EXHAUSTION, problems, "warn or trim", settings::string);
        List<String> priority = read(settings, CREDITS_PRIORITY, problems, "a list of symbols", settings::stringList);
        if (mode != null) {
            mode = mode.trim();
            if (!mode.equalsIgnoreCase("warn") && !mode.equalsIgnoreCase("trim")) {
                problems.add(settings.problem(CREDITS_ON_FORECAST_EXHAUSTION, "must be warn or trim, got '" + mode
                        + "'"));
            } else if (mode.equalsIgnoreCase("trim") && (priority == null || priority.isEmpty())
                    && !failed(problems, settings, CREDITS_PRIORITY)) {
                problems.add(settings.problem(CREDITS_PRIORITY, "trim needs the symbols to keep: set "
                        + settings.fullPath(CREDITS_PRIORITY)));
            }
        }
        return problems;
    }

    private static Duration positive(ProviderSettings settings, String key, List<SettingsProblem> problems) {
        Duration value = read(settings, key, problems, "a duration such as 30s", settings::duration);
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(settings.problem(key, "must be a positive duration, got " + value));
            return null;
        }
        return value;
    }

    /** The value at {@code key}; null when it is absent, or of the wrong type (then a problem says so). */
    private static <T> T read(ProviderSettings settings, String key, List<SettingsProblem> problems, String expected,
            java.util.function.Function<String, T> getter) {
        if (!settings.hasPath(key)) {
            return null;
        }
        try {
            return getter.apply(key);
        } catch (RuntimeException wrongType) {
            problems.add(settings.problem(key, "must be " + expected));
            return null;
        }
    }

    private static boolean failed(List<SettingsProblem> problems, ProviderSettings settings, String key) {
        String path = settings.fullPath(key);
        return problems.stream().anyMatch(problem -> problem.path().equals(path));
    }
}

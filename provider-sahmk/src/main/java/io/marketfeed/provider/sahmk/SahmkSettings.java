package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.SahmkConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import java.net.URI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;

/**
 * The validated settings of one SAHMK instance ({@code marketfeed.providers.sahmk}). Built eagerly by
 * {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: the key is a
 * {@link Secret}.
 *
 * @param enabled whether the runner starts the provider
 * @param apiKey the API key; empty only when the provider is disabled
 * @param urls each channel's URL as dialled, by endpoint id ({@code quotes}, {@code depth}, {@code trades}), without
 *     query or credentials: from {@code endpoints.<id>}, or from {@code endpoint} (a base URL with the channel paths
 *     appended, or a documented channel URL with the other channels derived from it)
 * @param plan the plan, which sets the default limits
 * @param symbols quote symbols, possibly {@code *}
 * @param fallbackSymbols what to subscribe to instead when the server refuses {@code *}
 * @param depth the depth channel
 * @param trades the trades channel
 * @param origin the {@code Origin} header to send, or empty to send none
 * @param readyTimeout how long to wait for {@code connected} before subscribing anyway
 * @param heartbeat pings and staleness
 * @param limits the plan's limits with configured overrides
 */
public record SahmkSettings(boolean enabled, Secret apiKey, Map<String, URI> urls, SahmkPlan plan, List<String> symbols,
        List<String> fallbackSymbols, Depth depth, Trades trades, String origin, Duration readyTimeout,
        HeartbeatSpec heartbeat, Limits limits) {

    /** The most levels SAHMK serves (the SDK's {@code _normalize_depth_levels}). */
    static final int MAX_DEPTH_LEVELS = 20;

    /**
     * SAHMK's heartbeat facts: the client pings and any frame proves liveness. The numbers are placeholders:
     * both {@code heartbeat.*} keys are required, so {@link CommonSettings#heartbeat} always replaces them.
     */
    private static final HeartbeatSpec HEARTBEAT_FACTS =
            new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(30), Duration.ofSeconds(90), Liveness.ANY_FRAME);

    public SahmkSettings {
        requireNonNull(apiKey, "apiKey is null");
        urls = Map.copyOf(urls);
        requireNonNull(plan, "plan is null");
        symbols = List.copyOf(symbols);
        fallbackSymbols = List.copyOf(fallbackSymbols);
        requireNonNull(depth, "depth is null");
        requireNonNull(trades, "trades is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(readyTimeout, "readyTimeout is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(limits, "limits is null");
    }

    /**
     * The depth channel.
     *
     * @param levels book levels to ask for, 1 to 20 (the entitlement may cap what is served)
     */
    public record Depth(boolean enabled, List<String> symbols, int levels) {
        public Depth {
            symbols = List.copyOf(symbols);
        }
    }

    /** The trades channel. */
    public record Trades(boolean enabled, List<String> symbols) {
        public Trades {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static SahmkSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        Secret apiKey = in.credential(API_KEY, enabled, API_KEY_ENV,
                "SAHMK key (shmk_live_... or shmk_test_...)");
        boolean depthEnabled = in.bool(DEPTH_ENABLED);
        boolean tradesEnabled = in.bool(TRADES_ENABLED);
        Map<String, URI> urls = urls(in, depthEnabled, tradesEnabled);
        SahmkPlan plan = plan(in);
        List<String> symbols = symbols(in, SYMBOLS, true);
        List<String> fallbackSymbols = symbols(in, FALLBACK_SYMBOLS, false);
        Depth depth = new Depth(depthEnabled, symbols(in, DEPTH_SYMBOLS, false), depthLevels(in));
        Trades trades = new Trades(tradesEnabled, symbols(in, TRADES_SYMBOLS, false));
        String origin = origin(in);
        Duration readyTimeout = positive(in, READY_TIMEOUT);
        commonProblems(in);
        in.throwIfAny();
        HeartbeatSpec heartbeat = CommonSettings.heartbeat(source, HEARTBEAT_FACTS);
        Limits limits = CommonSettings.limits(source, plan.limits());
        return new SahmkSettings(enabled, apiKey, urls, plan, symbols, fallbackSymbols, depth, trades, origin,
                readyTimeout, heartbeat, limits);
    }

    /** The URL of a channel, as dialled (the runtime adds the key). */
    URI url(SahmkChannel channel) {
        return urls.get(channel.endpointId());
    }

    /** Whether an {@code Origin} header is configured. */
    public boolean hasOrigin() {
        return !origin.isEmpty();
    }

    /**
     * Each channel's URL: {@code endpoints.<channel>} when set; otherwise from {@code endpoint}, a base URL (the
     * documented channel paths are appended) or any channel's documented URL, such as the docs' quotes URL
     * {@code wss://app.sahmk.sa/ws/v1/stocks/} (used as given; the other channels' paths are derived from it).
     */
    private static Map<String, URI> urls(SettingsReader in, boolean depthEnabled, boolean tradesEnabled) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (SahmkChannel channel : SahmkChannel.values()) {
            paths.put(channel.endpointId(), channel.path());
        }
        Set<String> needed = new HashSet<>(List.of(SahmkChannel.QUOTES.endpointId()));
        if (depthEnabled) {
            needed.add(SahmkChannel.DEPTH.endpointId());
        }
        if (tradesEnabled) {
            needed.add(SahmkChannel.TRADES.endpointId());
        }
        return in.endpointUrls(ENDPOINT, ENDPOINTS, paths, needed, "wss://api.sahmk.sa",
                "api-key (" + API_KEY_ENV + "), which is added as ?api_key= when connecting");
    }

    private static SahmkPlan plan(SettingsReader in) {
        String name = in.string(PLAN);
        return SahmkPlan.fromConfigName(name).orElseGet(() -> {
            if (!in.failed(PLAN)) {
                in.problem(PLAN, "must be one of pro, business or enterprise, got '" + name + "'");
            }
            return SahmkPlan.PRO;
        });
    }

    private static List<String> symbols(SettingsReader in, String path, boolean wholeMarketAllowed) {
        List<String> symbols = in.stringList(path);
        List<String> valid = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            if (symbol.equals(SahmkSymbols.WHOLE_MARKET) && !wholeMarketAllowed) {
                in.problem(path, "entry [" + i + "] '*' (the whole market) is only possible in "
                        + SYMBOLS + " (quotes); list the symbols explicitly here");
            } else if (!symbol.equals(SahmkSymbols.WHOLE_MARKET) && !SahmkSymbols.isWellFormed(symbol)) {
                in.problem(path, "entry [" + i + "] '" + symbol + "' is not a SAHMK symbol; expected "
                        + SahmkSymbols.RULE);
            } else {
                valid.add(symbol);
            }
        }
        return valid;
    }

    private static int depthLevels(SettingsReader in) {
        int levels = in.integer(DEPTH_LEVELS);
        if (!in.failed(DEPTH_LEVELS) && (levels < 1 || levels > MAX_DEPTH_LEVELS)) {
            in.problem(DEPTH_LEVELS, "must be between 1 and " + MAX_DEPTH_LEVELS + ", got " + levels);
        }
        return levels;
    }

    private static String origin(SettingsReader in) {
        String origin = in.optionalString(ORIGIN).orElse("").trim();
        if (origin.chars().anyMatch(Character::isISOControl)) {
            in.problem(ORIGIN, "must not contain control characters");
            return "";
        }
        return origin;
    }

    private static Duration positive(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && (value.isZero() || value.isNegative())) {
            in.problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    /**
     * Problems with the keys {@link CommonSettings} handles. Their types are checked here first, because its
     * helpers throw at the first wrongly typed value; such values are then hidden from it so that it still
     * reports everything else. Also checks the one cross-key rule.
     */
    private static void commonProblems(SettingsReader in) {
        Set<String> mistyped = new HashSet<>();
        readable(in, HEARTBEAT_INTERVAL, mistyped, () -> in.duration(HEARTBEAT_INTERVAL));
        readable(in, HEARTBEAT_TIMEOUT, mistyped, () -> in.duration(HEARTBEAT_TIMEOUT));
        for (String key : List.of(MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS)) {
            readable(in, key, mistyped, () -> in.checkOptionalInteger(key));
        }
        for (String key : List.of(MIN_CONTROL_GAP, MIN_RECONNECT_GAP)) {
            readable(in, key, mistyped, () -> in.checkOptionalDuration(key));
        }
        ProviderSettings source = in.source();
        in.addAll(CommonSettings.problems(source.without(mistyped)));
        if (mistyped.isEmpty() && source.hasPath(HEARTBEAT_INTERVAL) && source.hasPath(HEARTBEAT_TIMEOUT)) {
            Duration interval = source.duration(HEARTBEAT_INTERVAL);
            if (!interval.isNegative() && !interval.isZero()
                    && source.duration(HEARTBEAT_TIMEOUT).compareTo(interval) <= 0) {
                in.problem(HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval (" + interval
                        + "), or every connection would look stale between two pings");
            }
        }
    }

    /** Runs a typed read and remembers the key when it added a problem. */
    private static void readable(SettingsReader in, String key, Set<String> mistyped, Runnable read) {
        int before = in.problemCount();
        read.run();
        if (in.problemCount() != before) {
            mistyped.add(key);
        }
    }
}

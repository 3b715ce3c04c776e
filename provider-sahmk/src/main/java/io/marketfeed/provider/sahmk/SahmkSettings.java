package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.SahmkConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.toolkit.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated settings of one SAHMK instance ({@code marketfeed.providers.sahmk}), without the keys every provider
 * block has ({@code heartbeat.*}, {@code limits.*}: the host checks and applies those). Built eagerly by
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
 */
public record SahmkSettings(boolean enabled, Secret apiKey, Map<String, URI> urls, SahmkPlan plan, List<String> symbols,
        List<String> fallbackSymbols, Depth depth, Trades trades, String origin, Duration readyTimeout) {

    /** The most levels SAHMK serves (the SDK's {@code _normalize_depth_levels}). */
    static final int MAX_DEPTH_LEVELS = 20;

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
        SahmkPlan plan = SettingsChecks.oneOf(in, PLAN, SahmkPlan::fromConfigName, "pro, business or enterprise",
                SahmkPlan.PRO);
        List<String> symbols = SettingsChecks.symbols(in, SYMBOLS, SahmkSymbols::isQuoteSymbol, "a SAHMK symbol",
                "'*' (the whole market) or " + SahmkSymbols.RULE);
        List<String> fallbackSymbols = explicitSymbols(in, FALLBACK_SYMBOLS);
        Depth depth = new Depth(depthEnabled, explicitSymbols(in, DEPTH_SYMBOLS),
                SettingsChecks.between(in, DEPTH_LEVELS, 1, MAX_DEPTH_LEVELS));
        Trades trades = new Trades(tradesEnabled, explicitSymbols(in, TRADES_SYMBOLS));
        String origin = SettingsChecks.optionalPlainText(in, ORIGIN);
        Duration readyTimeout = SettingsChecks.positiveDuration(in, READY_TIMEOUT);
        in.throwIfAny();
        return new SahmkSettings(enabled, apiKey, urls, plan, symbols, fallbackSymbols, depth, trades, origin,
                readyTimeout);
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

    /** A list of symbols outside {@code symbols}, where {@code *} (the whole market) is not possible. */
    private static List<String> explicitSymbols(SettingsReader in, String path) {
        return SettingsChecks.symbols(in, path, SahmkSymbols::isWellFormed, "a SAHMK symbol", SahmkSymbols.RULE
                + "; '*' (the whole market) is only possible in " + SYMBOLS + " (quotes)");
    }
}

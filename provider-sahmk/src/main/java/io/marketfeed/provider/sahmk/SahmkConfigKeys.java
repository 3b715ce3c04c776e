package io.marketfeed.provider.sahmk;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * The provider's own keys of the {@code marketfeed.providers.sahmk} block, relative to it. The defaults are in
 * {@code reference.conf} and nowhere else; this class only names the keys so that no path is spelled twice.
 */
final class SahmkConfigKeys {

    static final String ENABLED = CommonSettings.ENABLED;
    static final String API_KEY = "api-key";
    static final String ENDPOINT = "endpoint";
    /** The object of per-channel URLs; each of its keys is {@code endpoints.<channel id>}. */
    static final String ENDPOINTS = "endpoints";
    static final String ENDPOINTS_QUOTES = "endpoints.quotes";
    static final String ENDPOINTS_DEPTH = "endpoints.depth";
    static final String ENDPOINTS_TRADES = "endpoints.trades";
    static final String PLAN = "plan";
    static final String SYMBOLS = CommonSettings.SYMBOLS;
    static final String FALLBACK_SYMBOLS = "fallback-symbols";
    static final String DEPTH_ENABLED = "depth.enabled";
    static final String DEPTH_SYMBOLS = "depth.symbols";
    static final String DEPTH_LEVELS = "depth.levels";
    static final String TRADES_ENABLED = "trades.enabled";
    static final String TRADES_SYMBOLS = "trades.symbols";
    static final String ORIGIN = "origin";
    static final String READY_TIMEOUT = "ready-timeout";

    /** The environment variable {@code reference.conf} reads the key from; named in messages. */
    static final String API_KEY_ENV = "SAHMK_API_KEY";

    /**
     * Every leaf key the provider reads; a test checks that {@code reference.conf} declares exactly these and the
     * {@code heartbeat.*} and {@code limits.*} keys, which the host reads ({@link CommonSettings}).
     */
    static final List<String> ALL = List.of(ENABLED, API_KEY, ENDPOINT, ENDPOINTS_QUOTES, ENDPOINTS_DEPTH,
            ENDPOINTS_TRADES, PLAN, SYMBOLS, FALLBACK_SYMBOLS, DEPTH_ENABLED, DEPTH_SYMBOLS, DEPTH_LEVELS,
            TRADES_ENABLED, TRADES_SYMBOLS, ORIGIN, READY_TIMEOUT);

    private SahmkConfigKeys() {
    }
}

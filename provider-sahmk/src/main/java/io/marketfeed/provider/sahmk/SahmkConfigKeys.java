package io.marketfeed.provider.sahmk;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * Every key of the {@code marketfeed.providers.sahmk} block, relative to it. The defaults are in
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
    static final String HEARTBEAT_INTERVAL = CommonSettings.HEARTBEAT_INTERVAL;
    static final String HEARTBEAT_TIMEOUT = CommonSettings.HEARTBEAT_TIMEOUT;
    static final String MAX_SYMBOLS_PER_CONNECTION = CommonSettings.MAX_SYMBOLS_PER_CONNECTION;
    static final String MAX_SYMBOLS_PER_FRAME = CommonSettings.MAX_SYMBOLS_PER_FRAME;
    static final String MAX_CONNECTIONS = CommonSettings.MAX_CONNECTIONS;
    static final String MIN_CONTROL_GAP = CommonSettings.MIN_CONTROL_GAP;
    static final String MIN_RECONNECT_GAP = CommonSettings.MIN_RECONNECT_GAP;

    /** The environment variable {@code reference.conf} reads the key from; named in messages. */
    static final String API_KEY_ENV = "SAHMK_API_KEY";

    /** Every leaf key; a test checks that {@code reference.conf} declares exactly these. */
    static final List<String> ALL = List.of(ENABLED, API_KEY, ENDPOINT, ENDPOINTS_QUOTES,
            ENDPOINTS_DEPTH, ENDPOINTS_TRADES, PLAN, SYMBOLS, FALLBACK_SYMBOLS,
            DEPTH_ENABLED, DEPTH_SYMBOLS, DEPTH_LEVELS, TRADES_ENABLED, TRADES_SYMBOLS, ORIGIN, READY_TIMEOUT,
            HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS,
            MIN_CONTROL_GAP, MIN_RECONNECT_GAP);

    private SahmkConfigKeys() {
    }
}

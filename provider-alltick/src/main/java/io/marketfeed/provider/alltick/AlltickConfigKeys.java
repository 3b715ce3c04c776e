package io.marketfeed.provider.alltick;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * Every key of the {@code marketfeed.providers.alltick} block, relative to it. The defaults are in
 * {@code reference.conf} and nowhere else; this class only names the keys so that no path is spelled twice.
 */
final class AlltickConfigKeys {

    static final String ENABLED = CommonSettings.ENABLED;
    static final String TOKEN = "token";
    static final String ENDPOINT = "endpoint";
    /** The object of per-endpoint URLs: {@code endpoints.stock} and {@code endpoints.other}. */
    static final String ENDPOINTS = "endpoints";
    static final String ENDPOINTS_STOCK = "endpoints.stock";
    static final String ENDPOINTS_OTHER = "endpoints.other";
    static final String PLAN = "plan";
    static final String TRADES_SYMBOLS = "trades.symbols";
    static final String DEPTH_SYMBOLS = "depth.symbols";
    static final String DEPTH_LEVELS = "depth.levels";
    /** An open map: {@code routes."AAPL.US" = stock}; its entries are not fixed keys. */
    static final String ROUTES = "routes";
    static final String HEARTBEAT_INTERVAL = CommonSettings.HEARTBEAT_INTERVAL;
    static final String HEARTBEAT_TIMEOUT = CommonSettings.HEARTBEAT_TIMEOUT;
    static final String PACING_MARGIN = "pacing-margin";
    static final String NOT_SERVED_AFTER = "not-served-after";
    static final String MAX_SYMBOLS_PER_CONNECTION = CommonSettings.MAX_SYMBOLS_PER_CONNECTION;
    static final String MAX_CONNECTIONS = CommonSettings.MAX_CONNECTIONS;
    static final String MIN_CONTROL_GAP = CommonSettings.MIN_CONTROL_GAP;
    /** Not a {@link CommonSettings} key (yet): the least time between requests across connections. */
    static final String MIN_GLOBAL_CONTROL_GAP = "limits.min-global-control-gap";
    static final String MIN_RECONNECT_GAP = CommonSettings.MIN_RECONNECT_GAP;

    /** The environment variable {@code reference.conf} reads the token from; named in messages. */
    static final String TOKEN_ENV = "ALLTICK_TOKEN";

    /** Every leaf key; a test checks that {@code reference.conf} declares exactly these (and the routes map). */
    static final List<String> ALL = List.of(ENABLED, TOKEN, ENDPOINT, ENDPOINTS_STOCK,
            ENDPOINTS_OTHER, PLAN, TRADES_SYMBOLS, DEPTH_SYMBOLS,
            DEPTH_LEVELS, HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, PACING_MARGIN, NOT_SERVED_AFTER,
            MAX_SYMBOLS_PER_CONNECTION, MAX_CONNECTIONS, MIN_CONTROL_GAP, MIN_GLOBAL_CONTROL_GAP, MIN_RECONNECT_GAP);

    private AlltickConfigKeys() {
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * Every key of the {@code marketfeed.providers.screener} block, relative to it. The defaults are in
 * {@code reference.conf} and nowhere else; this class only names the keys so that no path is spelled twice.
 */
final class ScreenerConfigKeys {

    static final String ENABLED = CommonSettings.ENABLED;
    static final String ENDPOINT = "endpoint";
    static final String TOKEN = "token";
    static final String REFRESH_TOKEN = "refresh-token";
    static final String REFRESH_BEFORE_EXPIRY = "token-refresh.before-expiry";
    static final String SYMBOLS = CommonSettings.SYMBOLS;
    static final String BOOK = "book";
    static final String MARKETS = "markets";
    static final String SECTORS = "sectors";
    static final String WATCHLISTS = "watchlists";
    static final String SESSION_RESTORE = "session-restore";
    static final String RESTORE_TIMEOUT = "restore-timeout";
    static final String CONNECTION_CAP_BACKOFF = "connection-cap-backoff";
    static final String HEARTBEAT_INTERVAL = CommonSettings.HEARTBEAT_INTERVAL;
    static final String HEARTBEAT_TIMEOUT = CommonSettings.HEARTBEAT_TIMEOUT;
    static final String HEARTBEAT_CLIENT_PING = "heartbeat.client-ping";
    static final String MAX_SYMBOLS_PER_CONNECTION = CommonSettings.MAX_SYMBOLS_PER_CONNECTION;
    static final String MAX_SYMBOLS_PER_FRAME = CommonSettings.MAX_SYMBOLS_PER_FRAME;
    static final String MAX_CONNECTIONS = CommonSettings.MAX_CONNECTIONS;
    static final String MIN_CONTROL_GAP = CommonSettings.MIN_CONTROL_GAP;
    static final String MIN_RECONNECT_GAP = CommonSettings.MIN_RECONNECT_GAP;

    static final String TOKEN_ENV = "SCREENER_TOKEN";
    static final String REFRESH_TOKEN_ENV = "SCREENER_REFRESH_TOKEN";
    static final String PREFIX = "marketfeed.providers.screener.";

    /** Every leaf key; a test checks that {@code reference.conf} declares exactly these. */
    static final List<String> ALL = List.of(ENABLED, ENDPOINT, TOKEN, REFRESH_TOKEN, REFRESH_BEFORE_EXPIRY, SYMBOLS,
            BOOK, MARKETS, SECTORS, WATCHLISTS, SESSION_RESTORE, RESTORE_TIMEOUT, CONNECTION_CAP_BACKOFF,
            HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, HEARTBEAT_CLIENT_PING, MAX_SYMBOLS_PER_CONNECTION,
            MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS, MIN_CONTROL_GAP, MIN_RECONNECT_GAP);

    private ScreenerConfigKeys() {
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * The provider's own keys of the {@code marketfeed.providers.screener} block, relative to it. The defaults are in
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
    static final String HEARTBEAT_CLIENT_PING = "heartbeat.client-ping";

    static final String TOKEN_ENV = "SCREENER_TOKEN";
    static final String REFRESH_TOKEN_ENV = "SCREENER_REFRESH_TOKEN";
    static final String PREFIX = "marketfeed.providers.screener.";

    /**
     * Every leaf key the provider reads; a test checks that {@code reference.conf} declares exactly these and the
     * {@code heartbeat.*} and {@code limits.*} keys, which the host reads ({@link CommonSettings}).
     */
    static final List<String> ALL = List.of(ENABLED, ENDPOINT, TOKEN, REFRESH_TOKEN, REFRESH_BEFORE_EXPIRY, SYMBOLS,
            BOOK, MARKETS, SECTORS, WATCHLISTS, SESSION_RESTORE, RESTORE_TIMEOUT, CONNECTION_CAP_BACKOFF,
            HEARTBEAT_CLIENT_PING);

    private ScreenerConfigKeys() {
    }
}

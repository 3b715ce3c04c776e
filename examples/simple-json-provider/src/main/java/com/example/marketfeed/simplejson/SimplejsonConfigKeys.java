package com.example.marketfeed.simplejson;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * Every key of the {@code marketfeed.providers.simplejson} block, relative to it. The defaults are in
 * {@code reference.conf} and nowhere else; this class only names the keys, so that no path is spelled twice.
 */
final class SimplejsonConfigKeys {

    static final String ENABLED = CommonSettings.ENABLED;
    static final String API_KEY = "api-key";
    static final String ENDPOINT = "endpoint";
    static final String SYMBOLS = CommonSettings.SYMBOLS;
    static final String TRADE_SYMBOLS = "trade-symbols";

    /** The environment variable {@code reference.conf} reads the key from; named in messages. */
    static final String API_KEY_ENV = "SIMPLEJSON_API_KEY";

    /**
     * Every leaf key {@code reference.conf} declares; a test checks that it declares exactly these. The
     * {@code heartbeat.*} and {@code limits.*} keys are the host's: declared here so that users may set them, read
     * and applied by Marketfeed over what {@link SimplejsonProtocol} declares.
     */
    static final List<String> ALL = List.of(ENABLED, API_KEY, ENDPOINT, SYMBOLS, TRADE_SYMBOLS,
            CommonSettings.HEARTBEAT_INTERVAL, CommonSettings.HEARTBEAT_TIMEOUT,
            CommonSettings.MAX_SYMBOLS_PER_CONNECTION, CommonSettings.MAX_SYMBOLS_PER_FRAME,
            CommonSettings.MAX_CONNECTIONS, CommonSettings.MIN_CONTROL_GAP, CommonSettings.MIN_RECONNECT_GAP);

    private SimplejsonConfigKeys() {
    }
}

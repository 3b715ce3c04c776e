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
    static final String HEARTBEAT_INTERVAL = CommonSettings.HEARTBEAT_INTERVAL;
    static final String HEARTBEAT_TIMEOUT = CommonSettings.HEARTBEAT_TIMEOUT;
    static final String MAX_SYMBOLS_PER_CONNECTION = CommonSettings.MAX_SYMBOLS_PER_CONNECTION;
    static final String MAX_SYMBOLS_PER_FRAME = CommonSettings.MAX_SYMBOLS_PER_FRAME;
    static final String MAX_CONNECTIONS = CommonSettings.MAX_CONNECTIONS;
    static final String MIN_CONTROL_GAP = CommonSettings.MIN_CONTROL_GAP;
    static final String MIN_RECONNECT_GAP = CommonSettings.MIN_RECONNECT_GAP;

    /** The environment variable {@code reference.conf} reads the key from; named in messages. */
    static final String API_KEY_ENV = "SIMPLEJSON_API_KEY";

    /** The limit keys: optional, {@code null} in {@code reference.conf} meaning "the server's limit". */
    static final List<String> COUNT_LIMITS = List.of(MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME,
            MAX_CONNECTIONS);
    static final List<String> GAP_LIMITS = List.of(MIN_CONTROL_GAP, MIN_RECONNECT_GAP);

    /** Every leaf key; a test checks that {@code reference.conf} declares exactly these. */
    static final List<String> ALL = List.of(ENABLED, API_KEY, ENDPOINT, SYMBOLS, TRADE_SYMBOLS, HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT, MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS, MIN_CONTROL_GAP,
            MIN_RECONNECT_GAP);

    private SimplejsonConfigKeys() {
    }
}

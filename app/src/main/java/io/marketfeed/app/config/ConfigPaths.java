package io.marketfeed.app.config;

import com.typesafe.config.ConfigUtil;

/** The runner's own config paths, spelled once. Their defaults are in the app's {@code reference.conf}. */
public final class ConfigPaths {

    public static final String ROOT = "marketfeed";
    public static final String PROVIDERS = "marketfeed.providers";

    public static final String RECONNECT_INITIAL_DELAY = "marketfeed.reconnect.initial-delay";
    public static final String RECONNECT_MAX_DELAY = "marketfeed.reconnect.max-delay";
    public static final String RECONNECT_MULTIPLIER = "marketfeed.reconnect.multiplier";
    public static final String RECONNECT_JITTER = "marketfeed.reconnect.jitter";
    public static final String RECONNECT_RESET_AFTER = "marketfeed.reconnect.reset-after";
    public static final String DELIVERY_POLICY = "marketfeed.delivery.policy";
    public static final String DELIVERY_CAPACITY = "marketfeed.delivery.capacity";
    public static final String STOP_TIMEOUT = "marketfeed.stop-timeout";
    public static final String CONNECT_TIMEOUT = "marketfeed.connect-timeout";
    public static final String OUTPUT_FORMAT = "marketfeed.output.format";
    public static final String OUTPUT_TABLE_REFRESH = "marketfeed.output.table-refresh";
    public static final String OUTPUT_TABLE_ROWS = "marketfeed.output.table-rows";
    public static final String SIMULATOR_ENABLED = "marketfeed.simulator.enabled";
    public static final String SIMULATOR_PROVIDERS = "marketfeed.simulator.providers";
    public static final String SIMULATOR_PORT = "marketfeed.simulator.port";
    public static final String PLUGIN_PATH = "marketfeed.plugin-path";
    public static final String QUIET_AFTER = "marketfeed.quiet-symbols.after";
    public static final String QUIET_PROVIDERS = "marketfeed.quiet-symbols.providers";
    public static final String MAX_MESSAGE_SIZE = "marketfeed.max-message-size.default";
    public static final String MAX_MESSAGE_SIZE_PROVIDERS = "marketfeed.max-message-size.providers";
    public static final String HTTP_HOST = "marketfeed.http.host";
    public static final String HTTP_PORT = "marketfeed.http.port";
    public static final String TLS_TRUST_STORE = "marketfeed.tls.trust-store";
    public static final String TLS_TRUST_STORE_PASSWORD = "marketfeed.tls.trust-store-password";
    public static final String TLS_TRUST_STORE_TYPE = "marketfeed.tls.trust-store-type";

    /** Relative keys every provider block shares (see {@code io.marketfeed.api.CommonSettings}). */
    public static final String PROVIDER_ENABLED = "enabled";
    public static final String PROVIDER_ENDPOINT = "endpoint";
    public static final String PROVIDER_API_KEY = "api-key";

    private ConfigPaths() {
    }

    /** {@code marketfeed.providers.<id>}, quoted when the id needs it. */
    public static String provider(String id) {
        return ConfigUtil.joinPath("marketfeed", "providers", id);
    }

    /** {@code marketfeed.providers.<id>.<key>}. */
    public static String provider(String id, String key) {
        return provider(id) + "." + key;
    }
}

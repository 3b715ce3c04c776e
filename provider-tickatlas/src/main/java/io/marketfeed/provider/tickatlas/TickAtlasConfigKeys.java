package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.CommonSettings;
import java.util.List;

/**
 * Every key of the {@code marketfeed.providers.tickatlas} block, relative to it. The defaults are in
 * {@code reference.conf} and nowhere else; this class only names the keys so that no path is spelled twice.
 */
final class TickAtlasConfigKeys {

    static final String ENABLED = CommonSettings.ENABLED;
    static final String API_KEY = "api-key";
    static final String ENDPOINT = "endpoint";
    static final String PLAN = "plan";
    static final String SYMBOLS = CommonSettings.SYMBOLS;
    static final String CANDLES = "candles";
    static final String AUTH_TIMEOUT = "auth-timeout";
    static final String HEARTBEAT_CLIENT_PING = "heartbeat.client-ping";
    static final String CREDITS_COST_PER_PUSH = "credits.cost-per-push";
    static final String CREDITS_DAILY_QUOTA = "credits.daily-quota";

    /** The environment variable {@code reference.conf} reads the key from; named in messages. */
    static final String API_KEY_ENV = "TICKATLAS_API_KEY";

    /** The full path of the key setting, for messages that say what to fix. */
    static final String API_KEY_PATH = "marketfeed.providers.tickatlas." + API_KEY;

    /** The full paths of settings that messages suggest changing. */
    static final String MAX_CONNECTIONS_PATH = "marketfeed.providers.tickatlas." + CommonSettings.MAX_CONNECTIONS;
    static final String PLAN_PATH = "marketfeed.providers.tickatlas." + PLAN;
    static final String COST_PER_PUSH_PATH = "marketfeed.providers.tickatlas." + CREDITS_COST_PER_PUSH;

    /**
     * Every leaf key this provider reads. {@code reference.conf} declares these and the defaults of the common
     * {@code heartbeat.*}, {@code limits.*} and {@code credits.*} keys, which the host reads ({@link CommonSettings}).
     */
    static final List<String> OWN = List.of(ENABLED, API_KEY, ENDPOINT, PLAN, SYMBOLS, CANDLES, AUTH_TIMEOUT,
            HEARTBEAT_CLIENT_PING, CREDITS_COST_PER_PUSH, CREDITS_DAILY_QUOTA);

    private TickAtlasConfigKeys() {
    }
}

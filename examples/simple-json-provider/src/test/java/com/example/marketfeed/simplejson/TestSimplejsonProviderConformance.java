package com.example.marketfeed.simplejson;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.testkit.MarketFeedProviderConformanceTest;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.SettingsAssertions;
import java.net.URI;
import java.util.Map;

/**
 * Marketfeed's conformance kit, run against this provider: the real runtime connects it to a scripted server
 * speaking {@link SimplejsonScript}, and checks the handshake and key, subscribe encoding and limits,
 * additive semantics, resubscription after drops, heartbeats and stale detection, the fatal close 4001,
 * decoder robustness, and that what the provider does not serve is refused cleanly.
 */
class TestSimplejsonProviderConformance extends MarketFeedProviderConformanceTest {

    @Override
    protected MarketFeedProvider provider() {
        return new SimplejsonProvider();
    }

    @Override
    protected ProtocolScript script() {
        return new SimplejsonScript();
    }

    /**
     * The defaults of reference.conf, pointed at the scripted server, with the kit's credential and the short
     * timing the kit asks for (it waits for heartbeats, staleness and reconnects).
     */
    @Override
    protected ProviderSettings settings(URI server) {
        return SettingsAssertions.defaultsWith(SimplejsonProvider.ID, Map.of(
                SimplejsonConfigKeys.ENABLED, true,
                SimplejsonConfigKeys.API_KEY, credential(),
                SimplejsonConfigKeys.ENDPOINT, server + SimplejsonScript.PATH,
                CommonSettings.HEARTBEAT_INTERVAL, "100ms",
                CommonSettings.HEARTBEAT_TIMEOUT, "500ms",
                CommonSettings.MIN_RECONNECT_GAP, "10ms"));
    }

    /** An exhaustive switch without a default: a capability added to the SPI will not compile until decided. */
    @Override
    protected boolean hasCapability(FeedCapability capability) {
        return switch (capability) {
            case QUOTES, TRADES, CLIENT_HEARTBEAT -> true;
            case CANDLES, BOOK, MARKET_STATUS, ALERTS, SUBSCRIBE_ALL, REPLACE_SEMANTICS, RUNTIME_LIMITS, CREDITS,
                    FIRST_MESSAGE_AUTH -> false;
        };
    }
}

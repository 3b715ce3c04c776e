package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * TickAtlas real-time forex, metals and crypto quotes with their M1 bars, over one WebSocket authenticated by a
 * first message and billed per push against a daily credit quota. Stateless and side-effect free, as
 * {@link MarketFeedProvider} requires.
 */
public final class TickAtlasProvider implements MarketFeedProvider {

    /** The provider id, also the config block {@code marketfeed.providers.tickatlas}. */
    public static final String ID = "tickatlas";

    private static final Set<FeedCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            FeedCapability.QUOTES, FeedCapability.CANDLES, FeedCapability.RUNTIME_LIMITS, FeedCapability.CREDITS,
            FeedCapability.FIRST_MESSAGE_AUTH));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "TickAtlas real-time forex, metals and crypto quotes with M1 candles over WebSocket (credit-metered)";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new TickAtlasProtocol(TickAtlasSettings.from(settings));
    }
}

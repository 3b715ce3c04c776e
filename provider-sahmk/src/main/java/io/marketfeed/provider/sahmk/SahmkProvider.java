package io.marketfeed.provider.sahmk;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * SAHMK (Saudi Tadawul) real-time quotes, order-book depth and trades. Stateless and side-effect free, as
 * {@link MarketFeedProvider} requires.
 */
public final class SahmkProvider implements MarketFeedProvider {

    /** The provider id, also the config block {@code marketfeed.providers.sahmk}. */
    public static final String ID = "sahmk";

    private static final Set<FeedCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            FeedCapability.QUOTES, FeedCapability.TRADES, FeedCapability.BOOK, FeedCapability.SUBSCRIBE_ALL,
            FeedCapability.RUNTIME_LIMITS, FeedCapability.CLIENT_HEARTBEAT));

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
        return "SAHMK (Saudi Tadawul) real-time quotes, depth and trades over WebSocket";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new SahmkProtocol(SahmkSettings.from(settings));
    }
}

package io.marketfeed.provider.alltick;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * AllTick real-time trades and order books for stocks, forex, metals, crypto and commodities, on AllTick's
 * official {@code cmd_id} protocol. Stateless and side-effect free, as {@link MarketFeedProvider} requires.
 */
public final class AlltickProvider implements MarketFeedProvider {

    /** The provider id, also the config block {@code marketfeed.providers.alltick}. */
    public static final String ID = "alltick";

    private static final Set<FeedCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            FeedCapability.TRADES, FeedCapability.BOOK, FeedCapability.REPLACE_SEMANTICS,
            FeedCapability.CLIENT_HEARTBEAT));

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
        return "AllTick real-time trades and order books (stocks, forex, metals, crypto) over WebSocket";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new AlltickProtocol(AlltickSettings.from(settings));
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Stock Screening Platform (Korean market; the open-source {@code kcenon/screener_system} server): quotes,
 * order books, market status and notifications over one WebSocket, {@code /v1/ws}, anonymous or with a JWT.
 * Follows what the server's code does (protocols.md §2) and tolerates the shapes its docs show. Stateless and
 * side-effect free, as {@link MarketFeedProvider} requires.
 */
public final class ScreenerProvider implements MarketFeedProvider {

    /** The provider id, also the config block {@code marketfeed.providers.screener}. */
    public static final String ID = "screener";

    private static final Set<FeedCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            FeedCapability.QUOTES, FeedCapability.BOOK, FeedCapability.MARKET_STATUS, FeedCapability.ALERTS));

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
        return "Stock Screening Platform (Korean market) quotes, order books, market status and notifications "
                + "over WebSocket";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new ScreenerProtocol(ScreenerSettings.from(settings));
    }
}

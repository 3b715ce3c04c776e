package com.example.marketfeed.simplejson;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The plugin's entry point, listed in {@code META-INF/services/io.marketfeed.api.MarketFeedProvider}: tickers
 * and trades from a server speaking the simple {@code op}/{@code args} JSON protocol described in this
 * example's README. Its version is the default one: {@code Implementation-Version} from the jar's manifest.
 *
 * <p>As {@link MarketFeedProvider} requires, it has a public no-argument constructor, does no I/O, has no
 * static initialisation that can fail, and its methods are side-effect free: the host calls them from any
 * thread, and {@code marketfeed providers} calls them without ever connecting.
 */
public final class SimplejsonProvider implements MarketFeedProvider {

    /** The provider id, also the config block {@code marketfeed.providers.simplejson}. */
    public static final String ID = "simplejson";

    private static final Set<FeedCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            FeedCapability.QUOTES, FeedCapability.TRADES, FeedCapability.CLIENT_HEARTBEAT));

    @Override
    public String id() {
        return ID;
    }

    /** {@link SpiVersion#CURRENT} is a compile-time constant: this returns the SPI the jar was built against. */
    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Simple JSON feed (example plugin): tickers and trades over one WebSocket";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return CAPABILITIES;
    }

    /** Reads the provider's own keys; the host checks and applies {@code heartbeat.*} and {@code limits.*}. */
    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new SimplejsonProtocol(SimplejsonSettings.from(settings));
    }
}

package io.marketfeed.app.testing;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Set;

/** A provider that forwards to another, so a test overrides only what it changes. */
public class ForwardingProvider implements MarketFeedProvider {

    private final MarketFeedProvider delegate;

    public ForwardingProvider(MarketFeedProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public String spiVersion() {
        return delegate.spiVersion();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return delegate.create(settings);
    }
}

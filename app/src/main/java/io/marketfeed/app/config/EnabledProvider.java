package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.FeedProtocol;

/**
 * A provider the configuration enables, with the protocol its {@code create()} built from validated settings.
 *
 * @param provider the provider
 * @param settings its block
 * @param protocol what the runtime drives
 */
public record EnabledProvider(MarketFeedProvider provider, ProviderSettings settings, FeedProtocol protocol) {

    public EnabledProvider {
        requireNonNull(provider, "provider is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(protocol, "protocol is null");
    }

    public String id() {
        return provider.id();
    }
}

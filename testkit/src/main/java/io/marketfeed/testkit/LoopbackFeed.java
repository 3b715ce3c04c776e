package io.marketfeed.testkit;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ReconnectPolicy;
import java.time.Duration;

/**
 * A started feed of one provider for a test against a server on loopback (a simulator, a {@link ScriptedServer}):
 * every event to one listener, such as an {@link EventRecorder} (kept, never dropped below 100,000), reconnects
 * after 50 ms growing to 400 ms instead of the production seconds, and a three-second stop. The caller closes it.
 */
public final class LoopbackFeed {

    /** The quick reconnects of a test: 50 ms, doubling, at most 400 ms. */
    public static final ReconnectPolicy RECONNECT =
            ReconnectPolicy.defaults().withDelays(Duration.ofMillis(50), Duration.ofMillis(400));

    private LoopbackFeed() {
    }

    /** Builds and starts the feed. */
    public static MarketFeed start(MarketFeedProvider provider, ProviderSettings settings, FeedListener events) {
        MarketFeed feed = MarketFeed.builder()
                .provider(provider, settings)
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .reconnect(RECONNECT)
                .stopTimeout(Duration.ofSeconds(3))
                .build();
        feed.start();
        return feed;
    }
}

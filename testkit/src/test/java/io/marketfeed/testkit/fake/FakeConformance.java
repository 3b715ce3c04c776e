package io.marketfeed.testkit.fake;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.testkit.MarketFeedProviderConformanceTest;
import io.marketfeed.testkit.ProtocolScript;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/** The conformance test for one fake provider, as a third party would write it. */
public abstract class FakeConformance extends MarketFeedProviderConformanceTest {

    private final Supplier<FakeProvider> provider;

    protected FakeConformance(Supplier<FakeProvider> provider) {
        this.provider = provider;
    }

    @Override
    protected MarketFeedProvider provider() {
        return provider.get();
    }

    @Override
    protected ProtocolScript script() {
        return new FakeScript(provider.get().options());
    }

    @Override
    protected ProviderSettings settings(URI server) {
        // Without a heartbeat only data proves liveness: a longer timeout keeps idle connections of other cases.
        String timeout = options().pinger() == HeartbeatSpec.Pinger.NONE ? "2s" : "500ms";
        return ProviderSettings.of(provider.get().id(), Map.of("api-key", credential(), "endpoint", server.toString(),
                "heartbeat.interval", "100ms", "heartbeat.timeout", timeout));
    }

    @Override
    protected boolean hasCapability(FeedCapability capability) {
        FakeOptions options = options();
        return switch (capability) {
            case QUOTES -> true;
            case REPLACE_SEMANTICS -> options.mode() == SubscribeStyle.Mode.REPLACE_ALL;
            case FIRST_MESSAGE_AUTH -> options.auth() == AuthStyle.Kind.FIRST_MESSAGE;
            case CLIENT_HEARTBEAT -> options.pinger() == HeartbeatSpec.Pinger.CLIENT;
            case SUBSCRIBE_ALL -> options.wholeMarket();
            case CANDLES -> options.breakage() == FakeOptions.Breakage.REPEATS_SHARED_SUBSCRIBE;
            case TRADES, BOOK, MARKET_STATUS, ALERTS, RUNTIME_LIMITS, CREDITS -> false;
        };
    }

    protected FakeOptions options() {
        return provider.get().options();
    }
}

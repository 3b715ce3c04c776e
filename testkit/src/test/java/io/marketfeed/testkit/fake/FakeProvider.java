package io.marketfeed.testkit.fake;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.SubscribeStyle;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A small provider for a made-up JSON protocol, written only against the api, for testing the kit itself:
 * requests {@code {"op":"subscribe","topic":"quotes","args":[...]}}, pushes
 * {@code {"topic":"quotes","symbol":"S","price":"1.25"}}. Subclasses vary the declared facts and break one
 * rule each.
 */
public class FakeProvider implements MarketFeedProvider {

    private final String id;
    private final FakeOptions options;

    public FakeProvider() {
        this("fake", FakeOptions.standard());
    }

    protected FakeProvider(String id, FakeOptions options) {
        this.id = id;
        this.options = options;
    }

    public FakeOptions options() {
        return options;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "a made-up JSON protocol for testing the conformance kit";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        Set<FeedCapability> capabilities = EnumSet.of(FeedCapability.QUOTES);
        if (options.mode() == SubscribeStyle.Mode.REPLACE_ALL) {
            capabilities.add(FeedCapability.REPLACE_SEMANTICS);
        }
        if (options.auth() == AuthStyle.Kind.FIRST_MESSAGE) {
            capabilities.add(FeedCapability.FIRST_MESSAGE_AUTH);
        }
        if (options.pinger() == HeartbeatSpec.Pinger.CLIENT) {
            capabilities.add(FeedCapability.CLIENT_HEARTBEAT);
        }
        if (options.wholeMarket()) {
            capabilities.add(FeedCapability.SUBSCRIBE_ALL);
        }
        if (options.breakage() == FakeOptions.Breakage.REPEATS_SHARED_SUBSCRIBE) {
            capabilities.add(FeedCapability.CANDLES);
        }
        return Collections.unmodifiableSet(capabilities);
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        return new FakeProtocol(id, options, FakeSettings.from(settings, options));
    }

    /** The standard fake with header auth, replace-all requests and server heartbeats. */
    public static final class Replace extends FakeProvider {
        public Replace() {
            super("fake-replace", new FakeOptions(AuthStyle.Kind.HEADER, SubscribeStyle.Mode.REPLACE_ALL,
                    HeartbeatSpec.Pinger.SERVER, HeartbeatSpec.Liveness.HEARTBEAT_ONLY, false,
                    FakeOptions.Breakage.NONE));
        }
    }

    /** The standard fake with first-message auth and no heartbeat at all. */
    public static final class FirstMessage extends FakeProvider {
        public FirstMessage() {
            super("fake-first-message", new FakeOptions(AuthStyle.Kind.FIRST_MESSAGE, SubscribeStyle.Mode.ADDITIVE,
                    HeartbeatSpec.Pinger.NONE, HeartbeatSpec.Liveness.ANY_FRAME, false, FakeOptions.Breakage.NONE));
        }
    }

    /** The standard fake, broken in one way; the id names the breakage. */
    public static class Broken extends FakeProvider {
        protected Broken(FakeOptions.Breakage breakage) {
            super(breakage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    FakeOptions.standard().broken(breakage));
        }
    }

    public static final class IgnoresFrameLimit extends Broken {
        public IgnoresFrameLimit() {
            super(FakeOptions.Breakage.IGNORES_FRAME_LIMIT);
        }
    }

    public static final class ThrowsInDecode extends Broken {
        public ThrowsInDecode() {
            super(FakeOptions.Breakage.THROWS_IN_DECODE);
        }
    }

    public static final class LeaksCredential extends Broken {
        public LeaksCredential() {
            super(FakeOptions.Breakage.LEAKS_CREDENTIAL);
        }
    }

    public static final class RetriesFatalClose extends Broken {
        public RetriesFatalClose() {
            super(FakeOptions.Breakage.RETRIES_FATAL_CLOSE);
        }
    }

    public static final class RetriesRefusedKey extends Broken {
        public RetriesRefusedKey() {
            super(FakeOptions.Breakage.RETRIES_REFUSED_KEY);
        }
    }

    public static final class DeafToHeartbeats extends Broken {
        public DeafToHeartbeats() {
            super(FakeOptions.Breakage.DEAF_TO_HEARTBEATS);
        }
    }

    public static final class WrongSettingsException extends Broken {
        public WrongSettingsException() {
            super(FakeOptions.Breakage.WRONG_SETTINGS_EXCEPTION);
        }
    }

    public static final class ForgetsOnReconnect extends Broken {
        public ForgetsOnReconnect() {
            super(FakeOptions.Breakage.FORGETS_ON_RECONNECT);
        }
    }

    public static final class LetsWildcardThrough extends Broken {
        public LetsWildcardThrough() {
            super(FakeOptions.Breakage.LETS_WILDCARD_THROUGH);
        }
    }

    public static final class DecodesWrongSymbol extends Broken {
        public DecodesWrongSymbol() {
            super(FakeOptions.Breakage.DECODES_WRONG_SYMBOL);
        }
    }

    public static final class RepeatsSharedSubscribe extends Broken {
        public RepeatsSharedSubscribe() {
            super(FakeOptions.Breakage.REPEATS_SHARED_SUBSCRIBE);
        }
    }
}

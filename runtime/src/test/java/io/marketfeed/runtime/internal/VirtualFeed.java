package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualConnection;
import io.marketfeed.runtime.testing.VirtualNetwork;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.ReconnectPolicy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One provider's runtime on virtual time with a {@link VirtualNetwork}: the real {@link ProviderRuntime} and
 * {@link Connection}s, with every timer on a {@link ManualScheduler} whose tasks the test runs. The provider has two endpoints, like
 * AllTick: {@code stock} (symbols ending in {@code .US}) and {@code other} (everything else). Its sessions decode
 * a text frame {@code trade SYMBOL} into a trade, {@code market MARKET STATUS} into a market status, and
 * {@code refused} into a refusal that names no symbols.
 */
final class VirtualFeed {

    /** Not zero: the runtime takes a zero time as "never". */
    static final long START_NANOS = ManualScheduler.START_NANOS;
    static final String STOCK_PATH = "/stock";
    static final String OTHER_PATH = "/other";
    static final String TOPIC = "trades";

    final ManualScheduler control = ManualScheduler.callerRuns();
    final VirtualNetwork transport = new VirtualNetwork(control);
    final ProviderRuntime provider;
    private final Delivery delivery = new Delivery("test", event -> { }, DeliveryPolicy.dropOldest(100_000));
    private final List<MarketEvent> events = new ArrayList<>();
    /** Every session the provider opened, weakly: whether the runtime lets go of old ones. */
    final List<java.lang.ref.WeakReference<ProtocolSession>> sessions = new ArrayList<>();

    VirtualFeed(Limits limits, ReconnectPolicy reconnect) {
        this(limits, reconnect, Duration.ZERO);
    }

    /** @param quietAfter the quiet-symbol threshold; zero: off */
    VirtualFeed(Limits limits, ReconnectPolicy reconnect, Duration quietAfter) {
        Clock clock = control.clock();
        // Jitter draws 0.5, the middle of the range: every delay is exactly the policy's step.
        EngineContext context = new EngineContext(control, transport, List.of(delivery), clock, reconnect,
                Duration.ofSeconds(10), Duration.ofSeconds(5), () -> 0.5, control::nanoTime,
                new SecretMask(List.of()));
        provider = new ProviderRuntime("fake", new TwoEndpoints(limits, sessions), true, context, failed -> { },
                quietAfter, io.marketfeed.runtime.MarketFeed.DEFAULT_MAX_MESSAGE_SIZE);
        provider.start();
        control.runDue();
    }

    /** Adds subscriptions, as {@code MarketFeed.subscribe} would on the control thread. */
    void subscribe(String... symbols) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (String symbol : symbols) {
            subscriptions.add(new Subscription(TOPIC, symbol));
        }
        provider.subscribe(subscriptions);
        control.runDue();
    }

    /** Virtual time since the feed started. */
    Duration elapsed() {
        return Duration.ofNanos(control.nanoTime() - START_NANOS);
    }

    /** When a dial was made, as time since the feed started. */
    static Duration at(VirtualConnection dial) {
        return dial.dialledAt();
    }

    void advance(Duration duration) {
        control.advance(duration);
    }

    /** Every event published so far. */
    List<MarketEvent> events() {
        MarketEvent[] batch = new MarketEvent[256];
        int taken;
        while ((taken = delivery.queue().poll(batch)) > 0) {
            for (int i = 0; i < taken; i++) {
                events.add(batch[i]);
            }
        }
        return List.copyOf(events);
    }

    List<ConnectionEvent> states(ConnectionState state) {
        return events().stream().filter(ConnectionEvent.class::isInstance).map(ConnectionEvent.class::cast)
                .filter(event -> event.state() == state).toList();
    }

    ConnectionEvent lastState(ConnectionState state) {
        List<ConnectionEvent> all = states(state);
        if (all.isEmpty()) {
            throw new AssertionError("no " + state + " event; events: " + events());
        }
        return all.get(all.size() - 1);
    }

    /** A provider with two endpoints, no heartbeat to speak of, and unacknowledged additive subscriptions. */
    private static final class TwoEndpoints implements FeedProtocol {
        private final Limits limits;
        private final List<java.lang.ref.WeakReference<ProtocolSession>> opened;
        private final Endpoint stock = endpoint("stock", STOCK_PATH);
        private final Endpoint other = endpoint("other", OTHER_PATH);

        TwoEndpoints(Limits limits, List<java.lang.ref.WeakReference<ProtocolSession>> opened) {
            this.limits = limits;
            this.opened = opened;
        }

        private static Endpoint endpoint(String id, String path) {
            return new Endpoint(id, URI.create("ws://vendor.test" + path), AuthStyle.none(), Readiness.onOpen(),
                    new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false, Duration.ofSeconds(10)), Set.of(TOPIC),
                    Map.of());
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of(stock, other);
        }

        @Override
        public Endpoint endpointFor(Subscription subscription) {
            return subscription.symbol().endsWith(".US") ? stock : other;
        }

        @Override
        public List<Subscription> configuredSubscriptions() {
            return List.of();
        }

        @Override
        public Limits limits(Endpoint endpoint) {
            return limits;
        }

        @Override
        public HeartbeatSpec heartbeat(Endpoint endpoint) {
            return new HeartbeatSpec(HeartbeatSpec.Pinger.NONE, Duration.ZERO, Duration.ofHours(1),
                    HeartbeatSpec.Liveness.ANY_FRAME);
        }

        @Override
        public Disposition classifyClose(int code, String reason) {
            return Disposition.retry("closed with " + code);
        }

        @Override
        public ProtocolSession openSession(SessionContext context) {
            ProtocolSession session = new ProtocolSession() {
                @Override
                public OutboundFrame subscribe(String topic, List<String> symbols) {
                    return OutboundFrame.text("subscribe " + symbols);
                }

                @Override
                public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
                    return Optional.of(OutboundFrame.text("unsubscribe " + symbols));
                }

                @Override
                public void decode(InboundFrame frame, DecodeOutput out) {
                    String[] words = frame.asString().split(" ");
                    if (words[0].equals("trade")) {
                        out.emit(new Trade("fake", words[1], BigDecimal.ONE, BigDecimal.ONE, null, Side.UNKNOWN, null,
                                null, frame.receivedAt()));
                    } else if (words[0].equals("refused")) {
                        out.rejected(TOPIC, List.of(), "Subscribing to too many symbols");
                    } else if (words[0].equals("market")) {
                        out.emit(new MarketStatus("fake", words[1], words[2], null, null, frame.receivedAt()));
                    }
                }
            };
            opened.add(new java.lang.ref.WeakReference<>(session));
            return session;
        }
    }
}

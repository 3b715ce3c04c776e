package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
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
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualConnection;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One provider's runtime on virtual time with a {@link VirtualNetwork}: the real {@link ProviderRuntime} and
 * {@link Connection}s, with every timer on a {@link ManualScheduler} whose tasks the test runs, and a listener queue
 * the test drains ({@link #events()}). The provider has two endpoints, like AllTick: {@code stock} (symbols ending
 * in {@code .US}) and {@code other} (everything else). What it declares (limits, heartbeat, readiness,
 * acknowledgements, credits) is set with {@link Options}. Its sessions answer these text frames:
 * <ul>
 * <li>{@code trade SYMBOL}: a trade; {@code market MARKET STATUS}: a market status;
 * <li>{@code refused}: a refusal that names no symbols; {@code ack}: acknowledges what the session subscribed;
 * <li>{@code ready}: the server's ready message; {@code ping}: a heartbeat;
 * <li>{@code pause WHY}, {@code resume WHY}, {@code fatal WHY}, {@code retry WHY}: a problem so classified;
 * <li>{@code lost MILLIS}: the server lost the data since {@code MILLIS} after the start;
 * <li>{@code credits N}: the server says {@code N} credits are left.
 * </ul>
 * The client's heartbeat (when it pings) is {@code ping}.
 *
 * <p>Threading: the test's thread, which also runs the scheduler's tasks.
 */
final class VirtualFeed {

    /** Not zero: the runtime takes a zero time as "never". */
    static final long START_NANOS = ManualScheduler.START_NANOS;
    static final String STOCK_PATH = "/stock";
    static final String OTHER_PATH = "/other";
    static final String TOPIC = "trades";
    /** How often a metered provider's spending is sampled. */
    static final Duration CREDIT_SAMPLES = Duration.ofSeconds(5);

    final ManualScheduler control = ManualScheduler.callerRuns();
    final VirtualNetwork transport = new VirtualNetwork(control);
    final ProviderRuntime provider;
    private final Delivery delivery;
    private final List<MarketEvent> events = new ArrayList<>();
    /** Every session the provider opened, weakly: whether the runtime lets go of old ones. */
    final List<WeakReference<ProtocolSession>> sessions = new ArrayList<>();

    /** What the fake provider declares, and the feed's settings around it. Mutable; the test's thread. */
    static final class Options {
        Limits limits = Limits.builder().build();
        ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        Duration quietAfter = Duration.ZERO;
        HeartbeatSpec heartbeat = ProtocolForTests.NO_HEARTBEAT;
        Readiness readiness = Readiness.onOpen();
        SubscribeStyle style = new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false, Duration.ofSeconds(10));
        DeliveryPolicy delivery = DeliveryPolicy.dropOldest(100_000);
        CreditSpec credits = CreditSpec.none();
        CreditPolicy creditPolicy = CreditPolicy.warn();

        Options limits(Limits value) {
            limits = value;
            return this;
        }

        Options reconnect(ReconnectPolicy value) {
            reconnect = value;
            return this;
        }

        Options quietAfter(Duration value) {
            quietAfter = value;
            return this;
        }

        Options heartbeat(HeartbeatSpec value) {
            heartbeat = value;
            return this;
        }

        Options readiness(Readiness value) {
            readiness = value;
            return this;
        }

        Options style(SubscribeStyle value) {
            style = value;
            return this;
        }

        Options delivery(DeliveryPolicy value) {
            delivery = value;
            return this;
        }

        Options credits(CreditSpec spec, CreditPolicy policy) {
            credits = spec;
            creditPolicy = policy;
            return this;
        }
    }

    VirtualFeed(Limits limits, ReconnectPolicy reconnect) {
        this(new Options().limits(limits).reconnect(reconnect));
    }

    /** @param quietAfter the quiet-symbol threshold; zero: off */
    VirtualFeed(Limits limits, ReconnectPolicy reconnect, Duration quietAfter) {
        this(new Options().limits(limits).reconnect(reconnect).quietAfter(quietAfter));
    }

    VirtualFeed(Options options) {
        delivery = new Delivery("test", event -> { }, options.delivery);
        // Jitter draws 0.5, the middle of the range: every delay is exactly the policy's step.
        EngineContext context = new EngineContext(control, transport, List.of(delivery), control.clock(),
                options.reconnect, Duration.ofSeconds(10), CREDIT_SAMPLES, () -> 0.5, control::nanoTime,
                new SecretMask(List.of()));
        provider = new ProviderRuntime("fake", new TwoEndpoints(options, sessions), true, context, failed -> { },
                options.quietAfter, io.marketfeed.runtime.MarketFeed.DEFAULT_MAX_MESSAGE_SIZE);
        provider.start();
        control.runDue();
    }

    /** Adds subscriptions, as {@code MarketFeed.subscribe} would on the control thread. */
    void subscribe(String... symbols) {
        provider.subscribe(subscriptions(symbols));
        control.runDue();
    }

    /** Removes subscriptions, as {@code MarketFeed.unsubscribe} would on the control thread. */
    void unsubscribe(String... symbols) {
        provider.unsubscribe(subscriptions(symbols));
        control.runDue();
    }

    private static List<Subscription> subscriptions(String... symbols) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (String symbol : symbols) {
            subscriptions.add(new Subscription(TOPIC, symbol));
        }
        return subscriptions;
    }

    /** Accepts the latest dial to {@code path} and hears what the client sends on it. */
    Peer accept(String path) {
        Peer peer = new Peer(transport.last(path));
        peer.connection.accept(peer);
        control.runDue();
        return peer;
    }

    /** Virtual time since the feed started. */
    Duration elapsed() {
        return Duration.ofNanos(control.nanoTime() - START_NANOS);
    }

    /** When a dial was made, as time since the feed started. */
    static Duration at(VirtualConnection dial) {
        return dial.dialledAt();
    }

    /** The instant the clock shows {@code sinceStart} after the start. */
    static Instant instant(Duration sinceStart) {
        return Instant.EPOCH.plus(sinceStart);
    }

    void advance(Duration duration) {
        control.advance(duration);
    }

    /** Moves virtual time to {@code sinceStart} after the start, running what is due on the way. */
    void advanceTo(Duration sinceStart) {
        control.advance(sinceStart.minus(elapsed()));
    }

    /** Runs what is due now. */
    void runDue() {
        control.runDue();
    }

    /** Every event published so far (draining the listener's queue, as a listener would). */
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

    <T extends MarketEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ConnectionEvent> states(ConnectionState state) {
        return events(ConnectionEvent.class).stream().filter(event -> event.state() == state).toList();
    }

    ConnectionEvent lastState(ConnectionState state) {
        List<ConnectionEvent> all = states(state);
        if (all.isEmpty()) {
            throw new AssertionError("no " + state + " event; events: " + events());
        }
        return all.get(all.size() - 1);
    }

    List<GapEvent> gaps() {
        return events(GapEvent.class);
    }

    List<StatusEvent> statuses(String kind) {
        return events(StatusEvent.class).stream().filter(event -> event.kind().equals(kind)).toList();
    }

    /** What the client sent at a moment of virtual time. */
    record Sent(Duration at, String text) {
    }

    /** The server's side of one accepted dial: what the client sends, each at its virtual time. */
    final class Peer implements VirtualConnection.Listener {
        final VirtualConnection connection;
        private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

        Peer(VirtualConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onMessage(VirtualConnection from, String text) {
            sent.add(new Sent(elapsed(), text));
        }

        @Override
        public void onClosed(VirtualConnection from, int code, String reason) {
        }

        /** Everything the client sent, oldest first. */
        List<Sent> sent() {
            return List.copyOf(sent);
        }

        /** When the client sent {@code text}. */
        List<Duration> times(String text) {
            return sent().stream().filter(each -> each.text().equals(text)).map(Sent::at).toList();
        }

        /** Sends frames to the client, which reads them at once. */
        void send(String... texts) {
            for (String text : texts) {
                connection.send(text);
            }
            control.runDue();
        }
    }

    /** A provider with two endpoints and the options' limits, heartbeat, readiness, style and credits. */
    private static final class TwoEndpoints extends ProtocolForTests {
        private final Options options;
        private final List<WeakReference<ProtocolSession>> opened;

        TwoEndpoints(Options options, List<WeakReference<ProtocolSession>> opened) {
            super(List.of(endpoint("stock", STOCK_PATH, options), endpoint("other", OTHER_PATH, options)),
                    options.limits, options.heartbeat, List.of());
            this.options = options;
            this.opened = opened;
        }

        private static Endpoint endpoint(String id, String path, Options options) {
            return endpoint(id, URI.create("ws://vendor.test" + path), AuthStyle.none(), options.readiness,
                    options.style, TOPIC);
        }

        @Override
        public Endpoint endpointFor(Subscription subscription) {
            return subscription.symbol().endsWith(".US") ? endpoints().get(0) : endpoints().get(1);
        }

        @Override
        public CreditSpec credits() {
            return options.credits;
        }

        @Override
        public CreditPolicy creditPolicy() {
            return options.creditPolicy;
        }

        @Override
        public ProtocolSession openSession(SessionContext context) {
            ProtocolSession session = new WordSession();
            opened.add(new WeakReference<>(session));
            return session;
        }
    }

    /** Decodes the frames listed in the class comment. Used by one thread at a time. */
    private static final class WordSession implements ProtocolSession {
        private final List<String> subscribed = new ArrayList<>();

        @Override
        public OutboundFrame subscribe(String topic, List<String> symbols) {
            subscribed.addAll(symbols);
            return OutboundFrame.text("subscribe " + symbols);
        }

        @Override
        public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
            subscribed.removeAll(symbols);
            return Optional.of(OutboundFrame.text("unsubscribe " + symbols));
        }

        @Override
        public Optional<OutboundFrame> heartbeat() {
            return Optional.of(OutboundFrame.text("ping"));
        }

        @Override
        public void decode(InboundFrame frame, DecodeOutput out) {
            String text = frame.asString();
            int space = text.indexOf(' ');
            String word = space < 0 ? text : text.substring(0, space);
            String rest = space < 0 ? "" : text.substring(space + 1);
            switch (word) {
                case "trade" -> out.emit(new Trade("fake", rest, BigDecimal.ONE, BigDecimal.ONE, null, Side.UNKNOWN,
                        null, null, frame.receivedAt()));
                case "market" -> {
                    String[] words = rest.split(" ");
                    out.emit(new MarketStatus("fake", words[0], words[1], null, null, frame.receivedAt()));
                }
                case "refused" -> out.rejected(TOPIC, List.of(), "Subscribing to too many symbols");
                case "ack" -> out.acknowledged(TOPIC, List.copyOf(subscribed));
                case "ready" -> out.ready();
                case "ping" -> out.heartbeat();
                case "pause" -> out.problem(Disposition.pause(rest));
                case "resume" -> out.problem(Disposition.resume(rest));
                case "fatal" -> out.problem(Disposition.fatal(rest));
                case "retry" -> out.problem(Disposition.retry(rest));
                case "credits" -> out.credits(new CreditUpdate(OptionalLong.of(Long.parseLong(rest)),
                        OptionalLong.empty()));
                case "lost" -> out.lost(Instant.EPOCH.plusMillis(Long.parseLong(rest)), "the server lost data");
                default -> throw new IllegalArgumentException("not a frame of the fake provider: " + text);
            }
        }
    }
}

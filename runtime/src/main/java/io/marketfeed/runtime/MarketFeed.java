package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.runtime.internal.FeedEngine;
import io.marketfeed.runtime.internal.Wiring;
import io.marketfeed.runtime.record.RecordOptions;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A running set of provider feeds: the public embedding API.
 *
 * {@snippet :
 * try (MarketFeed feed = MarketFeed.builder()
 *         .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
 *                 "api-key", System.getenv("SAHMK_API_KEY"),
 *                 "symbols", List.of("2222", "1120"))))
 *         .listener("print", event -> System.out.println(event))     // every event; see DeliveryPolicy
 *         .build()) {
 *     feed.start();
 *     feed.subscribe("sahmk", Topics.QUOTES, List.of("7010"));
 *     Thread.sleep(60_000);
 * }   // close(): unsubscribes, closes every socket with 1000, bounded in time
 * }
 *
 * <p>All connections of all providers share one Jetty WebSocket client and its thread pool. The runtime
 * owns reconnects, heartbeats, staleness, pacing and sharding; listeners get events on their own threads.
 * Thread safe; {@link #close()} is idempotent.
 */
public final class MarketFeed implements AutoCloseable {

    private final FeedEngine engine;

    private MarketFeed(FeedEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the connections the configured subscriptions need. Returns at once; connecting is asynchronous. */
    public void start() {
        engine.start();
    }

    /**
     * Adds subscriptions. Symbols are checked before anything is sent.
     *
     * @throws IllegalArgumentException naming every empty or malformed symbol, or an unknown provider
     */
    public void subscribe(String provider, String topic, List<String> symbols) {
        engine.subscribe(provider, topic, symbols);
    }

    /** Removes subscriptions; the server is told, and data still arriving for them is dropped and counted. */
    public void unsubscribe(String provider, String topic, List<String> symbols) {
        engine.unsubscribe(provider, topic, symbols);
    }

    /** The current state of every provider, connection and listener. */
    public FeedSnapshot snapshot() {
        return engine.snapshot();
    }

    /**
     * Completes when every provider has failed on a fatal classification (the runner exits 3 then). Its
     * value lists what to fix.
     */
    public CompletableFuture<List<String>> allProvidersFailed() {
        return engine.allProvidersFailed();
    }

    /**
     * Graceful stop: unsubscribes, closes every socket with 1000, delivers what is queued, stops the
     * threads, all within the builder's stop timeout. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** The default of {@link Builder#quietSymbols(Duration)}. */
    public static final Duration DEFAULT_QUIET_AFTER = Duration.ofMinutes(2);

    /** The default of {@link Builder#maxMessageSize(long)}: 1 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    /** The smallest {@link Builder#maxMessageSize(long)} accepted: 1 KiB. */
    public static final long MIN_MAX_MESSAGE_SIZE = 1024;
    /** The largest {@link Builder#maxMessageSize(long)} accepted: 1 GiB. */
    public static final long MAX_MAX_MESSAGE_SIZE = 1024L * 1024 * 1024;

    /** Builds a {@link MarketFeed}. Not thread safe. */
    public static final class Builder {
        private final List<FeedEngine.ProviderEntry> providers = new ArrayList<>();
        private final List<FeedEngine.ListenerEntry> listeners = new ArrayList<>();
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration creditSampleInterval = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private TlsSettings tls = TlsSettings.defaults();
        private RecordOptions recording;
        private Duration quietAfter = DEFAULT_QUIET_AFTER;
        private final Map<String, Duration> quietAfterByProvider = new LinkedHashMap<>();
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private final Map<String, Long> maxMessageSizeByProvider = new LinkedHashMap<>();
        private final List<Secret> secrets = new ArrayList<>();
        /** For tests: the in-memory network and virtual time to run on; null: sockets and system time. */
        private VirtualNetwork network;

        private Builder() {
        }

        /**
         * Adds a provider with its settings, validated now: the keys every provider has by the host, the provider's own
         * by {@link MarketFeedProvider#create} ({@link ProviderHost}).
         *
         * @throws io.marketfeed.api.SettingsException listing every problem
         */
        public Builder provider(MarketFeedProvider provider, ProviderSettings settings) {
            requireNonNull(provider, "provider is null");
            requireNonNull(settings, "settings is null");
            provider(provider.id(), ProviderHost.create(provider, settings), provider.spiVersion());
            List<Secret> credentials = new ArrayList<>();
            for (String path : settings.paths()) {
                if (Secret.isCredentialName(path)) {
                    try {
                        settings.secret(path).ifPresent(credentials::add);
                    } catch (RuntimeException notText) {
                        // A list or an object named like a credential: nothing a server could quote as one value.
                    }
                }
            }
            FeedEngine.ProviderEntry added = providers.remove(providers.size() - 1);
            providers.add(new FeedEngine.ProviderEntry(added.id(), added.protocol(), added.spiVersion(), credentials,
                    added.maxMessageSize()));
            return this;
        }

        /**
         * Keeps a credential out of every event and log line: wherever a server, or the network stack, quotes it
         * back (as is, URL-encoded, JSON-escaped or in Base64), it shows as {@code ****}. The credentials of the
         * providers' settings (keys named like {@link Secret#isCredentialName credentials}) and of their endpoints
         * are masked without this; a provider added as a created protocol may need it for a credential it sends
         * in a message.
         */
        public Builder mask(Secret secret) {
            secrets.add(requireNonNull(secret, "secret is null"));
            return this;
        }

        /**
         * The largest message any provider's server may send, in bytes (default {@link #DEFAULT_MAX_MESSAGE_SIZE},
         * 1 MiB), unless {@link #maxMessageSize(String, long)} sets the provider's own. Enforced while the message's
         * fragments arrive, so nothing larger is ever held: past it the connection is closed with 1009 (message
         * too big), a status event and one log line name the limit and the size seen, and the connection reconnects
         * with backoff.
         *
         * @throws IllegalArgumentException outside {@value #MIN_MAX_MESSAGE_SIZE} bytes to 1 GiB
         */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = checkedMessageSize("maxMessageSize", bytes);
            return this;
        }

        /** The largest message one provider's server may send; see {@link #maxMessageSize(long)}. */
        public Builder maxMessageSize(String provider, long bytes) {
            requireNonNull(provider, "provider is null");
            maxMessageSizeByProvider.put(provider, checkedMessageSize("maxMessageSize(" + provider + ")", bytes));
            return this;
        }

        private static long checkedMessageSize(String what, long bytes) {
            if (bytes < MIN_MAX_MESSAGE_SIZE || bytes > MAX_MAX_MESSAGE_SIZE) {
                throw new IllegalArgumentException(what + " must be from " + MIN_MAX_MESSAGE_SIZE + " bytes to 1 GiB ("
                        + MAX_MAX_MESSAGE_SIZE + " bytes); got " + bytes);
            }
            return bytes;
        }

        /** Adds an already created protocol under a provider id, built for this SPI ({@link SpiVersion#CURRENT}). */
        public Builder provider(String id, FeedProtocol protocol) {
            return provider(id, protocol, SpiVersion.CURRENT);
        }

        /**
         * Adds an already created protocol under a provider id, built for the given SPI version (a provider's
         * {@link MarketFeedProvider#spiVersion()}): the runtime keeps the contract of that version.
         */
        public Builder provider(String id, FeedProtocol protocol, String spiVersion) {
            requireNonNull(id, "id is null");
            requireNonNull(protocol, "protocol is null");
            requireNonNull(spiVersion, "spiVersion is null");
            for (FeedEngine.ProviderEntry entry : providers) {
                if (entry.id().equals(id)) {
                    throw new IllegalArgumentException("provider '" + id + "' is added twice");
                }
            }
            providers.add(new FeedEngine.ProviderEntry(id, protocol, spiVersion, List.of(), DEFAULT_MAX_MESSAGE_SIZE));
            return this;
        }

        /** Adds a listener that gets every event: {@link DeliveryPolicy#lossless()}, the default. */
        public Builder listener(String name, FeedListener listener) {
            return listener(name, listener, DeliveryPolicy.lossless());
        }

        /**
         * Adds a listener with its own queue and delivery thread. {@link DeliveryPolicy#lossless()} delivers
         * every event (the sockets wait for the listener); the other policies lose or merge events when the
         * listener falls behind, and count and announce each one.
         */
        public Builder listener(String name, FeedListener listener, DeliveryPolicy policy) {
            listeners.add(new FeedEngine.ListenerEntry(requireNonNull(name, "name is null"),
                    requireNonNull(listener, "listener is null"), requireNonNull(policy, "policy is null")));
            return this;
        }

        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = requireNonNull(policy, "policy is null");
            return this;
        }

        /** The longest a graceful {@link #close()} may take. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /** The longest a handshake may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /**
         * How often a metered provider's spending is sampled for the credit forecast (default 5 s); a
         * {@code credits} status event is published every twelfth sample.
         */
        public Builder creditSampleInterval(Duration interval) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("creditSampleInterval must be positive, got " + interval);
            }
            this.creditSampleInterval = interval;
            return this;
        }

        /**
         * Records every message received, with its receive time and connection, into compressed files in
         * {@code directory} (created when missing), rotated at 64 MiB or an hour; see
         * {@link io.marketfeed.runtime.record.FrameRecorder} for what happens when the disk cannot keep up, and
         * {@link io.marketfeed.runtime.record.Replay} to run a recording through the decoders again.
         */
        public Builder record(Path directory) {
            return record(RecordOptions.in(requireNonNull(directory, "directory is null")));
        }

        /**
         * Records as {@link #record(Path)} does, with these rotation and buffer sizes.
         *
         * @throws IllegalArgumentException when the folder cannot hold a recording, saying why
         */
        public Builder record(RecordOptions options) {
            requireNonNull(options, "options is null");
            RecordOptions.problem(options.directory()).ifPresent(problem -> {
                throw new IllegalArgumentException("cannot record: " + problem);
            });
            this.recording = options;
            return this;
        }

        /**
         * Reports a symbol that goes quiet: no market-data event for {@code after} while another symbol on the same
         * connection had one within that time (a connection on which nothing arrives is the stale check's
         * business). Each quiet spell is one {@code symbol-quiet} status event (details {@code symbol},
         * {@code connection}, {@code quietFor}, {@code lastEventAt} or {@code never}, {@code after}), and its end one
         * {@code symbol-resumed}. While a provider's last market status says closed, its quiet symbols are not
         * reported; after it opens again, silence counts from the opening. Applies to every provider without its
         * own {@link #quietSymbols(String, Duration)}. Default {@link MarketFeed#DEFAULT_QUIET_AFTER 2 minutes};
         * {@link Duration#ZERO} turns it off. The check runs on the control thread, at a quarter of the threshold
         * (at most every second).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder quietSymbols(Duration after) {
            this.quietAfter = checkedQuiet("quietSymbols", after);
            return this;
        }

        /**
         * The quiet-symbol threshold of one provider (a slow market's trades channel needs more), instead of
         * {@link #quietSymbols(Duration)}; {@link Duration#ZERO} turns it off for that provider. The provider must
         * be added by the time {@link #build()} is called.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder quietSymbols(String provider, Duration after) {
            requireNonNull(provider, "provider is null");
            quietAfterByProvider.put(provider, checkedQuiet("quietSymbols(" + provider + ")", after));
            return this;
        }

        private static Duration checkedQuiet(String what, Duration after) {
            requireNonNull(after, "after is null");
            if (after.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, or zero to turn it off; got " + after);
            }
            return after;
        }

        /**
         * What the shared WebSocket client trusts for {@code wss://} endpoints (all providers): by default what this
         * Java trusts; {@link TlsSettings#trustStore} for a private or a proxy's CA. Certificates are always verified,
         * chain and host name; a refused one is reported as one line saying which check failed and what to do, and
         * the connection is retried with backoff like any failed attempt (the server's certificate can be fixed
         * without us).
         */
        public Builder tls(TlsSettings settings) {
            this.tls = requireNonNull(settings, "settings is null");
            return this;
        }

        /**
         * For tests: runs the feed on an in-memory network on virtual time instead of sockets and system time.
         * Connections are dialled on {@code network}; the control tasks and every timer (heartbeats, staleness,
         * backoff, pacing, acknowledgement timeouts) run on its {@link ManualScheduler}
         * (made {@code withDriver()}, since {@link MarketFeed#snapshot()} and {@link MarketFeed#close()} wait for
         * control tasks), so time passes only when the test advances it; reconnect jitter draws the middle of its
         * range, so every delay is the policy's step; event timestamps are the scheduler's
         * {@linkplain ManualScheduler#clock() clock} unless {@link #clock} is called
         * after this. Closing the feed shuts the scheduler down.
         */
        public Builder virtualNetwork(VirtualNetwork network) {
            this.network = requireNonNull(network, "network is null");
            this.clock = network.scheduler().clock();
            return this;
        }

        /** The clock for event timestamps (tests). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public MarketFeed build() {
            if (providers.isEmpty()) {
                throw new IllegalStateException("add at least one provider");
            }
            Map<String, Duration> quiet = new LinkedHashMap<>();
            for (FeedEngine.ProviderEntry entry : providers) {
                quiet.put(entry.id(), quietAfterByProvider.getOrDefault(entry.id(), quietAfter));
            }
            for (String id : maxMessageSizeByProvider.keySet()) {
                if (!quiet.containsKey(id)) {
                    throw new IllegalStateException("maxMessageSize names provider '" + id + "', which is not added;"
                            + " added: " + quiet.keySet());
                }
            }
            List<FeedEngine.ProviderEntry> entries = new ArrayList<>();
            for (FeedEngine.ProviderEntry entry : providers) {
                List<Secret> credentials = new ArrayList<>(entry.secrets());
                credentials.addAll(secrets);
                entries.add(new FeedEngine.ProviderEntry(entry.id(), entry.protocol(), entry.spiVersion(), credentials,
                        maxMessageSizeByProvider.getOrDefault(entry.id(), maxMessageSize)));
            }
            for (String id : quietAfterByProvider.keySet()) {
                if (!quiet.containsKey(id)) {
                    throw new IllegalStateException("quietSymbols names provider '" + id + "', which is not added;"
                            + " added: " + quiet.keySet());
                }
            }
            FeedEngine engine = new FeedEngine(entries, listeners, reconnect, stopTimeout, connectTimeout,
                    creditSampleInterval, clock, recording, quiet, tls);
            if (network != null) {
                engine.runOn(new Wiring(network.scheduler(), network,
                        network.scheduler()::nanoTime, () -> 0.5));
            }
            return new MarketFeed(engine);
        }
    }
}

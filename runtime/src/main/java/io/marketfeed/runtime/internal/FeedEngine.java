package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.TlsSettings;
import io.marketfeed.runtime.record.FrameRecorder;
import io.marketfeed.runtime.record.RecordOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles and runs the runtime behind {@link io.marketfeed.runtime.MarketFeed}: one control thread, one
 * Jetty client, one decode thread per provider, one delivery thread per listener.
 */
public final class FeedEngine {

    private static final Logger LOG = LoggerFactory.getLogger(FeedEngine.class);
    /** How often listeners' drops and merges are checked: the first is announced within this. */
    private static final long LOSS_REPORT_MILLIS = 500;

    /**
     * A provider to run.
     *
     * @param spiVersion the SPI version the provider was built for: before 1.1, its sessions are given frames
     *     that own their bytes
     * @param secrets credentials of its settings (besides its endpoints' own), masked in every outside text
     * @param maxMessageSize the largest message accepted from its servers, in bytes
     */
    public record ProviderEntry(String id, FeedProtocol protocol, String spiVersion, List<Secret> secrets,
            long maxMessageSize) {

        public ProviderEntry {
            secrets = List.copyOf(secrets);
        }

        /** This provider with another message-size limit. */
        public ProviderEntry withMaxMessageSize(long bytes) {
            return new ProviderEntry(id, protocol, spiVersion, secrets, bytes);
        }

        boolean borrowsFrames() {
            return io.marketfeed.api.SpiVersion.atLeast(spiVersion, 1, 1);
        }
    }

    /** A listener and its policy. */
    public record ListenerEntry(String name, FeedListener listener, DeliveryPolicy policy) {
    }

    private final List<ProviderEntry> providerEntries;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final ReconnectPolicy reconnect;
    private final Duration stopTimeout;
    private final Duration connectTimeout;
    private final Duration creditSampleInterval;
    private final Clock clock;
    /** Where to record what the sessions receive; null when not recording. */
    private final RecordOptions recording;
    /** The quiet-symbol threshold of each provider; zero or missing: off. */
    private final Map<String, Duration> quietAfter;
    /** What the transport trusts for wss:// servers. */
    private final TlsSettings tls;
    private FrameRecorder recorder;
    private final Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
    private final CompletableFuture<List<String>> allFailed = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, long[]> reportedLosses = new LinkedHashMap<>();
    /** Set by {@link #start}; volatile, as {@link #snapshot} may be asked from another thread while it starts. */
    private volatile ScheduledExecutorService control;
    private volatile Thread controlThread;
    private Transport transport;
    /** What to run on instead of a control thread, Jetty and system time (tests); null: the real ones. */
    private Wiring wiring;
    private EngineContext context;
    private volatile Instant startedAt;
    /** The providers' state at the end of {@link #close()}, kept for the exit summary. */
    private volatile List<ProviderSnapshot> finalProviders;

    public FeedEngine(List<ProviderEntry> providers, List<ListenerEntry> listeners, ReconnectPolicy reconnect,
            Duration stopTimeout, Duration connectTimeout, Duration creditSampleInterval, Clock clock,
            RecordOptions recording, Map<String, Duration> quietAfter, TlsSettings tls) {
        this.providerEntries = List.copyOf(providers);
        this.tls = tls;
        for (ListenerEntry entry : listeners) {
            deliveries.add(new Delivery(entry.name(), entry.listener(), entry.policy()));
        }
        this.reconnect = reconnect;
        this.stopTimeout = stopTimeout;
        this.connectTimeout = connectTimeout;
        this.creditSampleInterval = creditSampleInterval;
        this.clock = clock;
        this.recording = recording;
        this.quietAfter = Map.copyOf(quietAfter);
    }

    /** Runs on {@code wiring} instead of a control thread of its own, Jetty and system time; before {@link #start}. */
    public FeedEngine runOn(Wiring wiring) {
        this.wiring = wiring;
        return this;
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Wiring parts = wiring != null ? wiring : new Wiring(new ControlExecutor(thread -> controlThread = thread),
                new JettyTransport(tls), System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
        control = parts.control();
        transport = parts.transport();
        context = new EngineContext(control, transport, List.copyOf(deliveries), clock, reconnect,
                connectTimeout, creditSampleInterval, parts.random(), parts.nanos(), new SecretMask(secrets()));
        startedAt = clock.instant();
        if (recording != null) {
            recorder = FrameRecorder.start(recording, clock, (kind, message, details) -> context.publish(
                    new StatusEvent("marketfeed", kind, message, details, clock.instant())));
        }
        for (ProviderEntry entry : providerEntries) {
            FeedProtocol protocol = recorder == null ? entry.protocol() : recorder.wrap(entry.id(), entry.protocol());
            providers.put(entry.id(), new ProviderRuntime(entry.id(), protocol, entry.borrowsFrames(), context,
                    this::providerFailed, quietAfter.getOrDefault(entry.id(), Duration.ZERO), entry.maxMessageSize()));
        }
        deliveries.forEach(Delivery::start);
        control.execute(() -> providers.values().forEach(ProviderRuntime::start));
        control.scheduleAtFixedRate(() -> reportListenerLosses(), LOSS_REPORT_MILLIS, LOSS_REPORT_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Every credential of every provider: their settings' and their endpoints'. */
    private List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        for (ProviderEntry entry : providerEntries) {
            secrets.addAll(entry.secrets());
            entry.protocol().endpoints().forEach(endpoint -> endpoint.auth().secret().ifPresent(secrets::add));
        }
        return secrets;
    }

    public void subscribe(String provider, String topic, List<String> symbols) {
        ProviderRuntime runtime = checked(provider, topic, symbols);
        List<Subscription> subscriptions = toSubscriptions(topic, symbols);
        control.execute(() -> runtime.subscribe(subscriptions));
    }

    public void unsubscribe(String provider, String topic, List<String> symbols) {
        ProviderRuntime runtime = checked(provider, topic, symbols);
        List<Subscription> subscriptions = toSubscriptions(topic, symbols);
        control.execute(() -> runtime.unsubscribe(subscriptions));
    }

    private ProviderRuntime checked(String provider, String topic, List<String> symbols) {
        if (!started.get() || closed.get()) {
            throw new IllegalStateException("the feed is " + (closed.get() ? "closed" : "not started"));
        }
        ProviderRuntime runtime = providers.get(provider);
        if (runtime == null) {
            throw new IllegalArgumentException("no provider '" + provider + "'; running: " + providers.keySet());
        }
        List<String> problems = SymbolRules.problems(provider, runtime.protocol(), topic, symbols);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot subscribe on " + provider + ": " + String.join("; ", problems));
        }
        return runtime;
    }

    private static List<Subscription> toSubscriptions(String topic, List<String> symbols) {
        List<Subscription> out = new ArrayList<>();
        for (String symbol : symbols) {
            out.add(new Subscription(topic, symbol));
        }
        return out;
    }

    public FeedSnapshot snapshot() {
        List<FeedSnapshot.ListenerSnapshot> listeners = new ArrayList<>();
        deliveries.forEach(delivery -> listeners.add(delivery.snapshot()));
        ScheduledExecutorService control = this.control;
        if (!started.get() || control == null) {
            return new FeedSnapshot(clock.instant(), null, List.of(), listeners);
        }
        if (control.isShutdown()) {
            List<ProviderSnapshot> last = finalProviders;
            return new FeedSnapshot(clock.instant(), startedAt, last == null ? List.of() : last, listeners);
        }
        CompletableFuture<List<ProviderSnapshot>> providerSnapshots = CompletableFuture.supplyAsync(() -> {
            List<ProviderSnapshot> list = new ArrayList<>();
            providers.values().forEach(runtime -> list.add(runtime.snapshot()));
            return list;
        }, control);
        try {
            return new FeedSnapshot(clock.instant(), startedAt, providerSnapshots.get(2, TimeUnit.SECONDS), listeners);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FeedSnapshot(clock.instant(), startedAt, List.of(), listeners);
        } catch (ExecutionException | TimeoutException e) {
            Thread busy = controlThread;
            Throwable where = new Throwable("the control thread is here");
            if (busy != null) {
                where.setStackTrace(busy.getStackTrace());
            }
            LOG.warn("could not take a snapshot of the providers: {}", e.toString(), e.getCause() != null ? e.getCause()
                    : where);
            return new FeedSnapshot(clock.instant(), startedAt, List.of(), listeners);
        }
    }

    public CompletableFuture<List<String>> allProvidersFailed() {
        return allFailed;
    }

    private void providerFailed(ProviderRuntime failed) {
        List<String> failures = new ArrayList<>();
        for (ProviderRuntime runtime : providers.values()) {
            if (!runtime.failed()) {
                return;
            }
            failures.add(runtime.id() + ": " + runtime.failure());
        }
        allFailed.complete(failures);
    }

    /**
     * Drops and merges are counted; say so when they grow, at most twice a second, so the first one is
     * announced within half a second.
     */
    private void reportListenerLosses() {
        for (Delivery delivery : deliveries) {
            FeedSnapshot.ListenerSnapshot snapshot = delivery.snapshot();
            long[] before = reportedLosses.computeIfAbsent(snapshot.name(), name -> new long[2]);
            long dropped = snapshot.dropped() - before[0];
            long conflated = snapshot.conflated() - before[1];
            if (dropped <= 0 && conflated <= 0) {
                continue;
            }
            before[0] = snapshot.dropped();
            before[1] = snapshot.conflated();
            String message = "listener '" + snapshot.name() + "' is behind; its " + snapshot.policy().label()
                    + " policy " + (dropped > 0 ? "dropped " + dropped + " event" + (dropped == 1 ? "" : "s") : "")
                    + (dropped > 0 && conflated > 0 ? " and " : "")
                    + (conflated > 0 ? "merged " + conflated + " quote/book event" + (conflated == 1 ? "" : "s")
                            + " into newer ones" : "")
                    + " (in all: " + snapshot.dropped() + " dropped, " + snapshot.conflated() + " merged)";
            LOG.warn("{}", message);
            context.publish(new StatusEvent("marketfeed", "listener-behind", message,
                    Map.of("listener", snapshot.name(), "policy", snapshot.policy().label(),
                            "dropped", Long.toString(snapshot.dropped()),
                            "conflated", Long.toString(snapshot.conflated())),
                    clock.instant()));
        }
    }

    /** Graceful stop within the stop timeout; idempotent. */
    public void close() {
        if (!closed.compareAndSet(false, true) || !started.get()) {
            return;
        }
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        CompletableFuture<List<CompletableFuture<Void>>> closing = CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            providers.values().forEach(runtime -> futures.addAll(runtime.close()));
            return futures;
        }, control);
        try {
            List<CompletableFuture<Void>> futures = closing.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("graceful stop took longer than {}; dropping the remaining connections", stopTimeout);
            runOnControl(() -> providers.values().forEach(ProviderRuntime::abortAll), 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("error during graceful stop", e.getCause());
        }
        runOnControl(() -> {
            reportListenerLosses();
            List<ProviderSnapshot> last = new ArrayList<>();
            providers.values().forEach(runtime -> last.add(runtime.snapshot()));
            finalProviders = last;
        }, 1000);
        control.shutdownNow();
        for (Delivery delivery : deliveries) {
            delivery.stop(Duration.ofMillis(Math.max(100, remainingMillis(deadline))));
        }
        transport.close();
        if (recorder != null) {
            // After the sockets: nothing is received any more, so everything received is in the recording.
            recorder.close();
        }
    }

    private void runOnControl(Runnable task, long timeoutMillis) {
        try {
            CompletableFuture.runAsync(task, control).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("task on the control thread did not finish", e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}

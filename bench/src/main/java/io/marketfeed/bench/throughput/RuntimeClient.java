package io.marketfeed.bench.throughput;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Serials;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ProviderSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Client (c), the runtime: a {@link MarketFeed} with the SAHMK provider pointed at the blast server and one
 * lossless listener that counts {@link Quote} events and takes {@code quote.volume()} as the serial.
 */
public final class RuntimeClient {

    public static final String LABEL = "(c) runtime: MarketFeed + SAHMK provider, lossless listener";

    /** Queue capacity of the listener: the default of the lossless policy. */
    public static final int LISTENER_CAPACITY = DeliveryPolicy.DEFAULT_CAPACITY;

    private RuntimeClient() {
    }

    /** Throughput: counts quotes. */
    public static ClientResult run(String baseUrl, List<String> symbols, long frames, Progress.Limits limits) {
        Serials serials = new Serials(frames);
        return run(LABEL, baseUrl, symbols, serials, limits, quote -> { });
    }

    /**
     * Runs a feed until every serial arrived or a limit passed; {@code onQuote} runs on the listener's thread just
     * before the quote's serial is recorded.
     */
    public static ClientResult run(String label, String baseUrl, List<String> symbols, Serials serials,
            Progress.Limits limits, Consumer<Quote> onQuote) {
        List<String> statuses = new ArrayList<>();
        MarketFeed feed;
        try {
            feed = MarketFeed.builder()
                    .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                            "endpoint", baseUrl,
                            "api-key", "shmk_test_bench",
                            "symbols", symbols)))
                    .listener("bench", event -> onEvent(event, serials, onQuote, statuses), lossless())
                    .build();
        } catch (RuntimeException e) {
            return new ClientResult(label, serials.snapshot(), "failed: " + e, null);
        }
        String stopped;
        String note;
        double bytesPerQuote;
        try {
            feed.start();
            stopped = Progress.await(serials, limits, () -> false);
            bytesPerQuote = runtimeAllocations() / (double) Math.max(1, serials.snapshot().received());
            note = describe(feed.snapshot(), statuses);
        } catch (RuntimeException e) {
            stopped = "failed: " + e;
            note = null;
            bytesPerQuote = Double.NaN;
        } finally {
            feed.close();
        }
        return new ClientResult(label, serials.snapshot(), stopped, note, bytesPerQuote);
    }

    /**
     * Bytes allocated so far by the runtime's read and control threads of this feed (each feed has its own, born
     * with it): what the runtime itself allocates per event, Jetty included, the listener's own work excluded.
     */
    private static long runtimeAllocations() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith("marketfeed-io") || name.startsWith("marketfeed-control")) {
                long bytes = threads.getThreadAllocatedBytes(thread.getId());
                total += Math.max(0, bytes);
            }
        }
        return total;
    }

    /** The default policy: lossless, with back-pressure to the socket. */
    static DeliveryPolicy lossless() {
        return DeliveryPolicy.lossless(LISTENER_CAPACITY);
    }

    private static void onEvent(MarketEvent event, Serials serials, Consumer<Quote> onQuote, List<String> statuses) {
        if (event instanceof Quote quote) {
            onQuote.accept(quote); // before record(): a reader that sees the count sees what onQuote wrote
            serials.record(quote.volume() == null ? -1 : quote.volume().longValue() - Serials.BASE);
        } else if (event instanceof StatusEvent status && statuses.size() < 5) {
            synchronized (statuses) {
                statuses.add(status.kind() + ": " + status.message());
            }
        }
    }

    /** Counters of the feed worth a note: decode errors, drops, conflations, reconnects, status events. */
    static String describe(FeedSnapshot snapshot, List<String> statuses) {
        List<String> parts = new ArrayList<>();
        for (ProviderSnapshot provider : snapshot.providers()) {
            if (provider.decodeErrors() > 0) {
                parts.add(provider.decodeErrors() + " decode errors");
            }
            if (provider.ghostFramesDropped() > 0) {
                parts.add(provider.ghostFramesDropped() + " ghost frames dropped");
            }
            provider.connections().forEach(connection -> {
                if (connection.attempt() > 0) {
                    parts.add(connection.connection() + " reconnecting (attempt " + connection.attempt() + ")");
                }
            });
        }
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            if (listener.dropped() > 0 || listener.conflated() > 0) {
                parts.add("listener dropped " + listener.dropped() + ", conflated " + listener.conflated());
            }
        }
        synchronized (statuses) {
            for (String status : statuses) {
                parts.add("status " + status);
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}

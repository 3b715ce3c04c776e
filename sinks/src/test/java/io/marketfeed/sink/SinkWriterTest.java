package io.marketfeed.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's promises against a store that can be taken down at will: every event written once, in order,
 * whatever the store does; spooled while it is down; kept for the next run at a stop; the bound's policy counted.
 */
@Timeout(60)
class SinkWriterTest {

    @TempDir
    Path dir;

    @Test
    void everyEventIsWrittenOnceInOrderInBoundedBatches() {
        FakeStore store = new FakeStore();
        List<MarketEvent> events = SampleEvents.stream(10_000);
        SinkWriter writer = start(store, settings(100, 10_000, WriterSettings.WhenFull.BLOCK));
        feed(writer, events, 333);
        SinkStats stats = writer.close(Duration.ofSeconds(10));

        assertEquals(events, store.events());
        assertEquals(0, store.duplicates);
        assertTrue(store.largestBatch <= 200, "largest batch " + store.largestBatch);
        assertEquals(10_000, stats.written());
        assertEquals(0, stats.pending());
        assertEquals(0, stats.spooledTotal());
    }

    @Test
    void whileTheStoreIsDownEventsAreSpooledAndWrittenInOrderWhenItIsBack() throws Exception {
        FakeStore store = new FakeStore();
        store.up = false;
        List<MarketEvent> events = SampleEvents.stream(20_000);
        SinkWriter writer = start(store, settings(100, 1_000, WriterSettings.WhenFull.BLOCK));
        feed(writer, events, 500);
        await(() -> store.failures >= 3);
        SinkStats during = writer.stats();
        assertTrue(during.spooled() >= 18_000, "spooled " + during.spooled());
        assertTrue(during.down().isPresent());
        assertTrue(during.lastError().orElse("").contains("store is down"));

        store.up = true;
        SinkStats stats = writer.close(Duration.ofSeconds(20));
        assertEquals(events, store.events());
        assertEquals(0, store.duplicates);
        assertEquals(0, stats.pending());
        assertEquals(0, stats.spooled());
        assertTrue(stats.spooledTotal() >= 18_000);
    }

    @Test
    void aStopWhileTheStoreIsDownKeepsEverythingForTheNextRun() {
        FakeStore store = new FakeStore();
        store.up = false;
        List<MarketEvent> events = SampleEvents.stream(5_000);
        WriterSettings settings = settings(100, 1_000, WriterSettings.WhenFull.BLOCK);
        SinkWriter writer = start(store, settings);
        feed(writer, events, 250);
        SinkStats stopped = writer.close(Duration.ofMillis(300));
        assertEquals(5_000, stopped.pending());

        store.up = true;
        SinkWriter next = start(store, settings);
        SinkStats stats = next.close(Duration.ofSeconds(10));
        assertEquals(5_000, stats.recovered());
        assertEquals(events, store.events());
        assertEquals(0, stats.pending());
    }

    @Test
    void pastTheBoundDropOldestDeletesCountedEventsAndKeepsTheRestInOrder() {
        FakeStore store = new FakeStore();
        store.up = false;
        List<MarketEvent> events = SampleEvents.stream(60_000);
        SinkWriter writer = start(store, settings(100, 1_000, WriterSettings.WhenFull.DROP_OLDEST, 1L << 20));
        feed(writer, events, 1_000);
        SinkStats full = writer.stats();
        assertTrue(full.dropped() > 0, "nothing dropped: " + full);

        store.up = true;
        SinkStats stats = writer.close(Duration.ofSeconds(20));
        assertEquals(60_000, stats.written() + stats.dropped());
        assertEquals(stats.written(), store.events().size());
        List<MarketEvent> written = store.events();
        assertEquals(events.subList(events.size() - 1_000, events.size()),
                written.subList(written.size() - 1_000, written.size()));
        assertTrue(isSubsequence(written, events), "written out of order");
    }

    @Test
    void pastTheBoundBlockHoldsTheIntakeUntilTheStoreTakesEventsAgain() throws Exception {
        FakeStore store = new FakeStore();
        store.up = false;
        List<MarketEvent> events = SampleEvents.stream(60_000);
        SinkWriter writer = start(store, settings(100, 1_000, WriterSettings.WhenFull.BLOCK, 1L << 20));
        CompletableFuture<Void> intake = CompletableFuture.runAsync(() -> feed(writer, events, 1_000));
        await(() -> writer.stats().spooled() > 0 && writer.stats().received() < 60_000
                && store.failures >= 2);
        long held = writer.stats().received();
        assertTrue(!intake.isDone() && held < 60_000, "the intake was not held");

        store.up = true;
        intake.get(20, TimeUnit.SECONDS);
        SinkStats stats = writer.close(Duration.ofSeconds(20));
        assertEquals(events, store.events());
        assertEquals(0, stats.dropped());
    }

    private SinkWriter start(FakeStore store, WriterSettings settings) {
        try {
            return SinkWriter.start("fake", store, settings);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private WriterSettings settings(int batch, int queue, WriterSettings.WhenFull whenFull) {
        return settings(batch, queue, whenFull, 64L << 20);
    }

    private WriterSettings settings(int batch, int queue, WriterSettings.WhenFull whenFull, long spoolBytes) {
        return new WriterSettings(batch, Duration.ofMillis(50), queue, dir.resolve("spool"), spoolBytes, whenFull,
                Duration.ofMillis(5), Duration.ofMillis(20));
    }

    private static void feed(SinkWriter writer, List<MarketEvent> events, int caughtUpEvery) {
        for (int i = 0; i < events.size(); i++) {
            writer.onEvent(events.get(i));
            if (i % caughtUpEvery == caughtUpEvery - 1) {
                writer.onCaughtUp();
            }
        }
        writer.onCaughtUp();
    }

    private static boolean isSubsequence(List<MarketEvent> part, List<MarketEvent> whole) {
        int j = 0;
        for (MarketEvent event : part) {
            while (j < whole.size() && !whole.get(j).equals(event)) {
                j++;
            }
            if (j++ == whole.size()) {
                return false;
            }
        }
        return true;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /** A store in memory that can be taken down; refuses nothing twice but counts what it saw twice. */
    static final class FakeStore implements Sink {
        volatile boolean up = true;
        volatile int failures;
        int duplicates;
        int largestBatch;
        private final List<MarketEvent> events = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        @Override
        public void open() throws IOException {
            if (!up) {
                failures++;
                throw new IOException("the store is down");
            }
        }

        @Override
        public synchronized void write(EventBatch batch) throws IOException {
            if (!up) {
                failures++;
                throw new IOException("the store is down");
            }
            largestBatch = Math.max(largestBatch, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (ids.add(batch.runId() + ":" + batch.sequence(i))) {
                    events.add(batch.event(i));
                } else {
                    duplicates++;
                }
            }
        }

        synchronized List<MarketEvent> events() {
            return new ArrayList<>(events);
        }

        @Override
        public void close() {
        }
    }
}

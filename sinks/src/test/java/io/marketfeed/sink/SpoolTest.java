package io.marketfeed.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    @Test
    void givesBackEveryEventInOrderAcrossSegmentsAndDeletesWhatWasRead() throws IOException {
        List<MarketEvent> events = SampleEvents.stream(3_000);
        try (Spool spool = Spool.open(dir, 1)) { // a new segment for every record
            appendInChunks(spool, events, 7);
            assertEquals(3_000, spool.events());
            assertEquals(events, drain(spool, 100));
            assertTrue(spool.isEmpty());
            assertNull(spool.peek(100));
        }
        assertEquals(0, files().size());
    }

    @Test
    void mergesConsecutiveRecordsOfOneRunButNotAcrossRuns() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            List<MarketEvent> events = SampleEvents.stream(30);
            spool.append(new EventBatch(1, 0, events.subList(0, 10)));
            spool.append(new EventBatch(1, 10, events.subList(10, 20)));
            spool.append(new EventBatch(2, 0, events.subList(20, 30)));
            EventBatch first = spool.peek(1_000);
            assertEquals(20, first.size());
            assertEquals(0, first.firstSequence());
            spool.ack();
            EventBatch second = spool.peek(1_000);
            assertEquals(2, second.runId());
            assertEquals(events.subList(20, 30), second.events());
        }
    }

    @Test
    void whatIsLeftIsFoundAgainByTheNextRunAndATornRecordIsCutOff() throws IOException {
        List<MarketEvent> events = SampleEvents.stream(500);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            appendInChunks(spool, events, 50);
            spool.peek(50);
            spool.ack(); // the first 50 are written
        }
        Path segment = files().get(0);
        long intact = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 42, 42})); // a record cut short
        }
        try (Spool again = Spool.open(dir, 1 << 20)) {
            // The acknowledged records are read again (a store's unique key ignores them), nothing is lost.
            assertEquals(500, again.events());
            assertEquals(intact, Files.size(segment));
            assertEquals(events, drain(again, 1_000));
        }
    }

    @Test
    void prependedBatchesComeFirstAndDropOldestSparesTheSegmentsInUse() throws IOException {
        List<MarketEvent> events = SampleEvents.stream(40);
        try (Spool spool = Spool.open(dir, 1)) {
            spool.append(new EventBatch(1, 20, events.subList(20, 30)));
            spool.append(new EventBatch(1, 30, events.subList(30, 40)));
            spool.prepend(List.of(new EventBatch(1, 0, events.subList(0, 20))));
            assertEquals(events, drain(spool, 1_000));
        }
        try (Spool spool = Spool.open(dir, 1)) {
            for (int i = 0; i < 4; i++) {
                spool.append(new EventBatch(1, i * 10, events.subList(i * 10, i * 10 + 10)));
            }
            assertEquals(10, spool.dropOldest()); // the second segment: the first is read next, the last written
            assertEquals(10, spool.dropOldest());
            assertEquals(0, spool.dropOldest());
            List<MarketEvent> left = new ArrayList<>(events.subList(0, 10));
            left.addAll(events.subList(30, 40));
            assertEquals(left, drain(spool, 1_000));
        }
    }

    private static void appendInChunks(Spool spool, List<MarketEvent> events, int size) throws IOException {
        for (int i = 0; i < events.size(); i += size) {
            int end = Math.min(events.size(), i + size);
            spool.append(new EventBatch(1, i, events.subList(i, end)));
        }
    }

    private static List<MarketEvent> drain(Spool spool, int max) throws IOException {
        List<MarketEvent> read = new ArrayList<>();
        EventBatch batch;
        while ((batch = spool.peek(max)) != null) {
            read.addAll(batch.events());
            spool.ack();
        }
        return read;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().collect(java.util.stream.Collectors.toList());
        }
    }
}

package io.marketfeed.sink.file;

import static io.marketfeed.sink.file.FileSinkFiles.completeFiles;
import static io.marketfeed.sink.file.FileSinkFiles.concatenated;
import static io.marketfeed.sink.file.FileSinkFiles.content;
import static io.marketfeed.sink.file.FileSinkFiles.encoded;
import static io.marketfeed.sink.file.FileSinkFiles.names;
import static io.marketfeed.sink.file.FileSinkFiles.sink;
import static io.marketfeed.sink.file.FileSinkFiles.writeInBatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, naming and rotating files, plain and gzip. */
class FileSinkTest {

    private static final String NAME = "events-\\d{8}T\\d{6}-\\d{6}\\.jsonl";

    @TempDir
    Path work;

    @Test
    void everyLineIsTheEncodersLineAndTheFileIsPartUntilClosed() throws Exception {
        Path dir = work.resolve("out");
        Sink sink = sink(work, "dir = out");
        sink.open();
        List<MarketEvent> events = SampleEvents.everyKind();
        sink.write(new EventBatch(1, 1, new ArrayList<>(events)));

        List<String> writing = names(dir);
        assertEquals(2, writing.size(), "the lock and the file being written: " + writing);
        assertTrue(writing.get(1).matches(NAME + "\\.part"), writing.get(1));
        assertArrayEquals(encoded(events), content(dir.resolve(writing.get(1))), "flushed at the end of write");

        sink.close();
        List<Path> files = completeFiles(dir);
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().matches(NAME), files.get(0).toString());
        assertArrayEquals(encoded(events), Files.readAllBytes(files.get(0)));
        assertEquals(List.of(".events.lock", files.get(0).getFileName().toString()), names(dir),
                "no .part file is left");
    }

    @Test
    void sizeRotationSplitsTheLinesInOrderOverSeveralFiles() throws Exception {
        Sink sink = sink(work, "dir = out, rotate-size = 16KiB");
        sink.open();
        List<MarketEvent> events = SampleEvents.stream(1_000);
        writeInBatches(sink, events, 100);
        sink.close();

        List<Path> files = completeFiles(work.resolve("out"));
        assertTrue(files.size() >= 5, "about 9 files of 16 KiB expected, got " + files.size());
        assertArrayEquals(encoded(events), concatenated(files), "every line, in order, in name order");
        for (Path file : files.subList(0, files.size() - 1)) {
            byte[] bytes = Files.readAllBytes(file);
            int withoutLastLine = lastLineStart(bytes);
            assertTrue(bytes.length >= 16 * 1024 && withoutLastLine < 16 * 1024,
                    file + " ends with the line that reaches 16 KiB: " + bytes.length + " bytes");
        }
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            assertTrue(name.endsWith(String.format("-%06d.jsonl", i + 1)), "numbered in order: " + name);
        }
    }

    @Test
    void timeRotationHappensAtTheFirstWriteAfterTheInterval() throws Exception {
        TestClock clock = new TestClock(SampleEvents.T0);
        Path dir = work.resolve("out");
        FileSink sink = new FileSink(new FileSinkSettings(dir, "quotes", 1L << 30, Duration.ofHours(1), false,
                "sink.dir"), clock);
        sink.open();
        List<MarketEvent> events = SampleEvents.stream(30);
        sink.write(new EventBatch(1, 1, new ArrayList<>(events.subList(0, 10))));
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        sink.write(new EventBatch(1, 11, new ArrayList<>(events.subList(10, 20))));
        assertEquals(List.of(), completeFiles(dir), "not an hour old yet");

        clock.advance(Duration.ofSeconds(1));
        sink.write(new EventBatch(1, 21, new ArrayList<>(events.subList(20, 30))));
        assertEquals(List.of(".quotes.lock", "quotes-20261204T143000-000001.jsonl",
                "quotes-20261204T153000-000002.jsonl.part"), names(dir));

        clock.advance(Duration.ofHours(5));
        assertEquals(List.of(".quotes.lock", "quotes-20261204T143000-000001.jsonl",
                "quotes-20261204T153000-000002.jsonl.part"), names(dir), "no write, no rotation");

        sink.close();
        List<Path> files = completeFiles(dir);
        assertEquals(List.of("quotes-20261204T143000-000001.jsonl", "quotes-20261204T153000-000002.jsonl"),
                files.stream().map(file -> file.getFileName().toString()).toList());
        assertArrayEquals(encoded(events.subList(0, 20)), Files.readAllBytes(files.get(0)));
        assertArrayEquals(encoded(events.subList(20, 30)), Files.readAllBytes(files.get(1)));
    }

    @Test
    void gzipFilesDecompressToTheSameLinesAndArePartlyReadableWhileWritten() throws Exception {
        Path dir = work.resolve("out");
        Sink sink = sink(work, "dir = out, gzip = true, rotate-size = 4KiB, prefix = book.v2");
        sink.open();
        List<MarketEvent> events = new ArrayList<>(SampleEvents.everyKind());
        events.addAll(SampleEvents.stream(3_000));
        sink.write(new EventBatch(1, 1, new ArrayList<>(events.subList(0, 5))));
        List<String> writing = names(dir);
        assertTrue(writing.get(1).matches("book\\.v2-\\d{8}T\\d{6}-000001\\.jsonl\\.gz\\.part"), writing.get(1));
        assertArrayEquals(encoded(events.subList(0, 5)), content(dir.resolve(writing.get(1))),
                "a sync flush makes every written line readable");

        writeInBatches(sink, events.subList(5, events.size()), 100);
        sink.close();
        List<Path> files = completeFiles(dir);
        assertTrue(files.size() >= 3, "several gzip files of 4 KiB expected, got " + files.size());
        for (Path file : files) {
            assertTrue(file.getFileName().toString().endsWith(".jsonl.gz"), file.toString());
        }
        assertArrayEquals(encoded(events), concatenated(files));
    }

    @Test
    void aSinkThatWasNeverWrittenLeavesNoFile() throws Exception {
        Sink sink = sink(work, "dir = out");
        sink.open();
        sink.write(new EventBatch(1, 1, new ArrayList<>()));
        sink.close();
        assertEquals(List.of(".events.lock"), names(work.resolve("out")));
    }

    private static int lastLineStart(byte[] bytes) {
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}

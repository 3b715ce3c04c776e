package io.marketfeed.sink.file;

import static io.marketfeed.sink.file.FileSinkFiles.content;
import static io.marketfeed.sink.file.FileSinkFiles.encoded;
import static io.marketfeed.sink.file.FileSinkFiles.names;
import static io.marketfeed.sink.file.FileSinkFiles.sink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.Sink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files left by a crashed run, folders that cannot be written, and two sinks on the same files. */
class FileSinkRecoveryTest {

    private static final byte[] TORN = "{\"type\":\"quote\",\"provider\":\"sah".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    @Test
    void leftoverPartFilesAreCutAtTheLastLineAndCompletedAtOpen() throws Exception {
        Path dir = Files.createDirectories(work.resolve("out"));
        List<MarketEvent> events = SampleEvents.everyKind();
        byte[] lines = encoded(events);
        Files.write(dir.resolve("events-20260101T000000-000001.jsonl.part"), concat(lines, TORN));
        Files.write(dir.resolve("events-20260101T000000-000002.jsonl.part"), lines);
        Files.write(dir.resolve("events-20260101T000000-000003.jsonl.part"), TORN);
        Files.write(dir.resolve("events-20260101T000000-000004.jsonl.gz.part"), tornGzip(lines, TORN, 3));
        Files.write(dir.resolve("events-20260101T000000-000005.jsonl.gz.part"), new byte[0]);
        Files.write(dir.resolve("other-20260101T000000-000001.jsonl.part"), TORN);
        Files.write(dir.resolve("events-x-20260101T000000-000001.jsonl.part"), TORN);

        Sink sink = sink(work, "dir = out");
        sink.open();
        assertEquals(List.of(".events.lock", "events-20260101T000000-000001.jsonl",
                "events-20260101T000000-000002.jsonl", "events-20260101T000000-000004.jsonl.gz",
                "events-x-20260101T000000-000001.jsonl.part", "other-20260101T000000-000001.jsonl.part"), names(dir),
                "files without a complete line are deleted; other prefixes' files are left alone");
        assertArrayEquals(lines, Files.readAllBytes(dir.resolve("events-20260101T000000-000001.jsonl")));
        assertArrayEquals(lines, Files.readAllBytes(dir.resolve("events-20260101T000000-000002.jsonl")));
        assertArrayEquals(lines, content(dir.resolve("events-20260101T000000-000004.jsonl.gz")),
                "a complete gzip file, trailer included (content() would fail otherwise)");

        sink.write(new EventBatch(1, 1, new ArrayList<>(events)));
        sink.close();
        assertEquals(7, names(dir).size(), "one new file: " + names(dir));
    }

    @Test
    void aLeftoverThatIsNotGzipStopsOpenWithWhatToDo() throws Exception {
        Path dir = Files.createDirectories(work.resolve("out"));
        Path bad = dir.resolve("events-20260101T000000-000001.jsonl.gz.part");
        Files.write(bad, encoded(SampleEvents.everyKind()));
        Sink sink = sink(work, "dir = out");
        IOException e = assertThrows(IOException.class, sink::open);
        sink.close();
        assertTrue(e.getMessage().contains(bad + " is not gzip data") && e.getMessage().contains("move it out"),
                e.getMessage());
        assertTrue(Files.exists(bad), "left as it was");
    }

    @Test
    void aFolderThatCannotBeCreatedIsNamedWithTheKeyToSet() throws Exception {
        Files.writeString(work.resolve("taken"), "a file, not a folder");
        Sink sink = sink(work, "dir = taken/out");
        IOException e = assertThrows(IOException.class, sink::open);
        sink.close();
        assertTrue(e.getMessage().startsWith("cannot create folder " + work.resolve("taken/out") + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; set sink.dir to a folder this user can write"), e.getMessage());
    }

    @Test
    void aFolderWithoutWritePermissionSaysPermissionDenied() throws Exception {
        Path parent = Files.createDirectories(work.resolve("locked"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(parent), "permissions are not enforced for this user (root)");
            Sink sink = sink(work, "dir = locked/out");
            IOException e = assertThrows(IOException.class, sink::open);
            sink.close();
            assertEquals("cannot create folder " + parent.resolve("out")
                    + ": permission denied; set sink.dir to a folder this user can write", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void twoSinksCannotWriteTheSameFiles() throws Exception {
        Sink first = sink(work, "dir = out");
        Sink second = sink(work, "dir = out");
        Sink otherPrefix = sink(work, "dir = out, prefix = trades");
        first.open();
        otherPrefix.open();
        IOException e = assertThrows(IOException.class, second::open);
        second.close();
        assertTrue(e.getMessage().contains("another file sink") && e.getMessage().contains("own dir or prefix"),
                e.getMessage());
        first.close();
        second.open();
        second.close();
        otherPrefix.close();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * What a crash leaves of a gzip file: {@code lines} sync-flushed, then part of a line, of which the last
     * {@code cut} compressed bytes never reached the disk; no trailer.
     */
    private static byte[] tornGzip(byte[] lines, byte[] torn, int cut) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(file, 512, true);
        gzip.write(lines);
        gzip.flush();
        gzip.write(torn);
        gzip.flush();
        byte[] bytes = file.toByteArray();
        gzip.close();
        return Arrays.copyOf(bytes, bytes.length - cut);
    }
}

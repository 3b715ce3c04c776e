package io.marketfeed.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.model.MarketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorder killed mid-write leaves a file without its gzip end, maybe with its last record cut short: everything
 * whole in it is replayed, a cut record is ignored with a warning, and files that are no recording are said so.
 */
class TornRecordingTest {

    @TempDir
    Path recorded;

    @TempDir
    Path directory;

    private List<MarketEvent> live;
    private byte[] content;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void record() throws IOException {
        live = RecordAndReplayTest.recordSession(RecordOptions.in(recorded));
        Path file = Replay.files(recorded).get(0);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            content = in.readAllBytes();
        }
    }

    @Test
    void killedBetweenRecordsEverythingIsReplayedWithoutComplaint() throws IOException {
        crashed("frames-1.mfr.gz", content.length);

        List<MarketEvent> replayed = new ArrayList<>();
        ReplaySummary summary = replay(replayed);

        assertEquals(live, replayed);
        assertEquals(Map.of(ReplaySummary.DECODER_WARNINGS, 2L), summary.problems());
    }

    @Test
    void aLastRecordCutShortIsIgnoredWithAWarning() throws IOException {
        // The last record is the quote "ZZZ 9.000": three bytes of it are missing.
        crashed("frames-1.mfr.gz", content.length - 3);

        List<MarketEvent> replayed = new ArrayList<>();
        ReplaySummary summary = replay(replayed);

        assertEquals(live.subList(0, live.size() - 1), replayed);
        assertEquals(Map.of(ReplaySummary.DECODER_WARNINGS, 2L, ReplaySummary.TORN_RECORDS, 1L), summary.problems());
        assertTrue(notices.contains("frames-1.mfr.gz: its last record is cut short (the recorder stopped while writing "
                + "it); it was ignored"), notices.toString());
    }

    @Test
    void aFileCutAnywhereGivesTheEventsBeforeTheCut() throws IOException {
        Path file = Replay.files(recorded).get(0);
        byte[] compressed = Files.readAllBytes(file);
        for (int cut = 12; cut < compressed.length; cut += 7) {
            Files.write(directory.resolve("frames-1.mfr.gz"), Arrays.copyOf(compressed, cut));
            List<MarketEvent> replayed = new ArrayList<>();

            replay(replayed);

            assertEquals(live.subList(0, replayed.size()), replayed, "cut at " + cut);
        }
    }

    @Test
    void filesThatAreNoRecordingAreSkippedAndSaidSo() throws IOException {
        Files.write(directory.resolve("frames-0-empty.mfr.gz"), new byte[0]);
        Files.writeString(directory.resolve("frames-0-text.mfr.gz"), "hello");
        Files.writeString(directory.resolve("notes.txt"), "not a recording file name: never read");
        crashed("frames-1.mfr.gz", content.length);

        List<MarketEvent> replayed = new ArrayList<>();
        ReplaySummary summary = replay(replayed);

        assertEquals(live, replayed);
        assertEquals(3, summary.files());
        assertEquals(Map.of(ReplaySummary.DECODER_WARNINGS, 2L, ReplaySummary.FILE_PROBLEMS, 2L), summary.problems());
        assertEquals("frames-0-empty.mfr.gz ends before its header (the recorder stopped as it started the file); it "
                + "was skipped", notices.get(0));
        assertTrue(notices.get(1).startsWith("frames-0-text.mfr.gz is not a Marketfeed recording ("), notices.get(1));
    }

    /** What a recorder killed after writing {@code length} bytes of {@link #content} leaves: no gzip end. */
    private void crashed(String name, int length) throws IOException {
        OutputStream file = Files.newOutputStream(directory.resolve(name));
        GZIPOutputStream gzip = new GZIPOutputStream(file, true);
        gzip.write(content, 0, length);
        gzip.flush();
        file.close();
    }

    private ReplaySummary replay(List<MarketEvent> replayed) throws IOException {
        return Replay.builder().provider(LineProtocol.ID, new LineProtocol(), SpiVersion.CURRENT)
                .listener(replayed::add).notices(notices::add).build().run(directory);
    }
}

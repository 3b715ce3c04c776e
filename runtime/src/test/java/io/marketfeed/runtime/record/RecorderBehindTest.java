package io.marketfeed.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.ProtocolSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the buffer for the writer is full, a record is not kept, never waited for: it is counted, announced, marked in
 * the recording, and the replay reports the hole.
 */
class RecorderBehindTest {

    private static final Instant T0 = RecordAndReplayTest.T0;

    @TempDir
    Path directory;

    @Test
    void aRecordThatDoesNotFitIsCountedAnnouncedAndMarked() throws Exception {
        BlockingQueue<String> announced = new LinkedBlockingQueue<>();
        List<MarketEvent> live;
        FrameRecorder recorder = FrameRecorder.start(RecordOptions.in(directory).withBuffer(1024, 256),
                Clock.fixed(T0, ZoneOffset.UTC), (kind, message, details) -> announced.add(kind + ": " + message
                        + " " + details));
        try {
            LiveSessions sessions = new LiveSessions(recorder.wrap(LineProtocol.ID, new LineProtocol()));
            ProtocolSession session = sessions.open("line/stream#1", null);
            session.subscribe("quotes", List.of("AAA"));
            sessions.text(session, "AAA 1", T0.plusMillis(1));
            // More than the whole buffer: it can never fit, so it is lost whatever the writer's speed.
            sessions.binary(session, new byte[2000], T0.plusMillis(2));
            sessions.text(session, "AAA 2", T0.plusMillis(3));
            live = sessions.events();

            String notice = announced.poll(10, TimeUnit.SECONDS);
            assertNotNull(notice, "no announcement of the record not kept");
            assertTrue(notice.startsWith("recording-behind: the recorder is behind: 1 received message or request "
                    + "not recorded (in all: 1); the recording marks the hole, and replay reports it."), notice);
            assertTrue(notice.endsWith("{directory=" + directory + ", lost=1}")
                    || notice.endsWith("{lost=1, directory=" + directory + "}"), notice);
        } finally {
            recorder.close();
        }
        assertEquals(1, recorder.stats().lost());
        assertTrue(recorder.stats().records() >= 5, recorder.stats().toString());
        assertEquals(new Alert("line", null, "binary", "2000 bytes", null, T0.plusMillis(2)), live.get(1));

        List<MarketEvent> replayed = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        ReplaySummary summary = Replay.builder().provider(LineProtocol.ID, new LineProtocol(), SpiVersion.CURRENT)
                .listener(replayed::add).notices(notices::add).build().run(directory);

        assertEquals(List.of(live.get(0), live.get(2)), replayed);
        assertEquals(Map.of(ReplaySummary.NOT_RECORDED, 1L), summary.problems());
        assertEquals(List.of("1 received message(s) or request(s) were not recorded from " + T0.plusMillis(2) + " to "
                + T0.plusMillis(3) + " (the recorder was behind): the replay has a hole there"), notices);
    }

    @Test
    void aFolderThatCannotHoldARecordingIsRefusedWithWhatToDo() throws IOException {
        Path file = Files.writeString(directory.resolve("plain.txt"), "not a folder");

        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> FrameRecorder.start(RecordOptions.in(file), Clock.systemUTC(),
                        (kind, message, details) -> { }));

        assertEquals("cannot record: " + file + " is a file, not a folder; name a folder to record into",
                refused.getMessage());
        assertEquals("the folder " + file.resolve("below") + " cannot be created (" + file + " is not a folder that "
                + "can be written); name another folder", RecordOptions.problem(file.resolve("below")).orElseThrow());
        assertTrue(RecordOptions.problem(directory.resolve("new/deeper")).isEmpty());
    }
}

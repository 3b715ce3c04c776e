package io.marketfeed.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.ProtocolSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded session, replayed through a fresh protocol, gives the events the live one gave, and counts the rest. */
class RecordAndReplayTest {

    static final Instant T0 = Instant.parse("2025-03-02T10:00:00.123456789Z");

    @TempDir
    Path directory;

    private final List<String> notices = new ArrayList<>();

    @Test
    void replayGivesTheLiveEventsInOrderWithTheirReceiveTimes() throws IOException {
        List<MarketEvent> live = recordSession(RecordOptions.in(directory));
        List<MarketEvent> replayed = new ArrayList<>();

        ReplaySummary summary = replay(replayed::add);

        assertEquals(live, replayed);
        assertEquals(List.of(
                quote("AAA", "1.10", T0.plusMillis(1)),
                new Alert("line", null, "hello", "generation 0, 1 heartbeats", null, T0.plusMillis(4)),
                new Alert("line", null, "binary", "3 bytes", null, T0.plusMillis(6)),
                new Alert("line", null, "hello", "generation 1, 0 heartbeats", null, T0.plusMillis(7)),
                quote("BBB", "2.50", T0.plusMillis(8)),
                quote("ZZZ", "9.000", T0.plusMillis(9))), replayed);
        assertEquals(List.of("quote", "alert"), List.copyOf(summary.events().keySet()));
        assertEquals(Map.of("quote", 3L, "alert", 3L), summary.events());
        assertEquals(Map.of("ready", 3L, "acknowledged", 1L, "heartbeat", 1L), summary.signals());
        assertEquals(Map.of(ReplaySummary.DECODER_WARNINGS, 2L), summary.problems());
        assertEquals(10, summary.frames());
        assertEquals(3, summary.sessions());
        assertEquals(1, summary.files());
        assertFalse(summary.stopped());
        assertEquals(List.of("decoder warning: data for CCC, which is not subscribed",
                "decoder warning: data for BBB, which is not subscribed"), notices);
        assertTrue(summary.line().matches("Replayed 10 messages of 3 sessions from 1 file in \\d+\\.\\d s \\(speed max\\): "
                + "3 quotes, 3 alerts; control: 1 acknowledged, 1 heartbeat, 3 ready; problems: 2 decoder warnings"),
                summary.line());
    }

    @Test
    void rotatedFilesReplayAsOneRecording() throws IOException {
        RecordOptions options = RecordOptions.in(directory).withRotation(1, Duration.ofHours(1)).withBuffer(1 << 20, 48);
        List<MarketEvent> live = recordSession(options);
        List<MarketEvent> replayed = new ArrayList<>();

        ReplaySummary summary = replay(replayed::add);

        assertEquals(live, replayed);
        assertTrue(summary.files() > 5, "files: " + summary.files());
        assertEquals(summary.files(), Replay.files(directory).size());
        assertEquals(Map.of(ReplaySummary.DECODER_WARNINGS, 2L), summary.problems());
    }

    @Test
    void aProviderBuiltForSpi10IsGivenMessagesItMayKeep() throws IOException {
        List<MarketEvent> live = recordSession(RecordOptions.in(directory));
        List<MarketEvent> replayed = new ArrayList<>();

        Replay.builder().provider(LineProtocol.ID, new LineProtocol(), "1.0").listener(replayed::add).build()
                .run(directory);

        assertEquals(live, replayed);
    }

    @Test
    void aProviderTheConfigurationDoesNotEnableIsSkippedAndSaidOnce() throws IOException {
        recordSession(RecordOptions.in(directory));
        List<MarketEvent> replayed = new ArrayList<>();

        ReplaySummary summary = Replay.builder().provider("other", new LineProtocol(), SpiVersion.CURRENT)
                .listener(replayed::add).notices(notices::add).build().run(directory);

        assertEquals(List.of(), replayed);
        assertEquals(List.of("the recording has messages of provider 'line', which the configuration does not "
                + "enable; they were skipped"), notices);
        assertEquals(0, summary.frames());
        assertTrue(summary.problems().get(ReplaySummary.SKIPPED) >= 10, summary.problems().toString());
    }

    @Test
    void stopEndsTheReplayAfterTheCurrentRecord() throws IOException {
        recordSession(RecordOptions.in(directory));
        List<MarketEvent> replayed = new ArrayList<>();
        Replay[] replay = new Replay[1];
        replay[0] = Replay.builder().provider(LineProtocol.ID, new LineProtocol(), SpiVersion.CURRENT)
                .listener(event -> {
                    replayed.add(event);
                    replay[0].stop();
                }).build();

        ReplaySummary summary = replay[0].run(directory);

        assertEquals(1, replayed.size());
        assertTrue(summary.stopped());
        assertTrue(summary.line().contains(", stopped early: 1 quote;"), summary.line());
    }

    private ReplaySummary replay(io.marketfeed.runtime.FeedListener listener) throws IOException {
        return Replay.builder().provider(LineProtocol.ID, new LineProtocol(), SpiVersion.CURRENT).listener(listener)
                .notices(notices::add).build().run(directory);
    }

    /**
     * Two attempts of one connection (the second given the first as its previous) and a second connection, with
     * requests that change what the sessions decode; returns what they emitted live.
     */
    static List<MarketEvent> recordSession(RecordOptions options) {
        LiveSessions live;
        try (FrameRecorder recorder = FrameRecorder.start(options, Clock.fixed(T0, ZoneOffset.UTC),
                (kind, message, details) -> { })) {
            live = new LiveSessions(recorder.wrap(LineProtocol.ID, new LineProtocol()));
            ProtocolSession first = live.open("line/stream#1", null);
            assertEquals("subscribe [AAA, BBB]", first.subscribe("quotes", List.of("AAA", "BBB")).text());
            live.text(first, "AAA 1.10", T0.plusMillis(1));
            live.text(first, "CCC 3", T0.plusMillis(2));
            live.text(first, "ack", T0.plusMillis(3));
            first.heartbeat();
            live.text(first, "ping", T0.plusMillis(3));
            live.text(first, "hello", T0.plusMillis(4));
            first.unsubscribe("quotes", List.of("BBB"));
            live.text(first, "BBB 2.50", T0.plusMillis(5));
            live.binary(first, new byte[] {0, (byte) 0xFF, 10}, T0.plusMillis(6));
            ProtocolSession second = live.open("line/stream#1", first);
            second.subscribe("quotes", List.of("BBB"));
            live.text(second, "hello", T0.plusMillis(7));
            live.text(second, "BBB 2.50", T0.plusMillis(8));
            ProtocolSession other = live.open("line/stream#2", null);
            other.subscribe("quotes", List.of("ZZZ"));
            live.text(other, "ZZZ 9.000", T0.plusMillis(9));
        }
        return live.events();
    }

    static Quote quote(String symbol, String price, Instant at) {
        return Quote.builder(LineProtocol.ID).symbol(symbol).price(new BigDecimal(price)).receivedAt(at).build();
    }
}

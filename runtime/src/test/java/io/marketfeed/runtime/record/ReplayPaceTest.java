package io.marketfeed.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.runtime.FeedListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code 1x} keeps the recorded spacing, {@code Nx} scales it, {@code max} never waits; on a virtual clock. */
class ReplayPaceTest {

    private static final Instant T0 = RecordAndReplayTest.T0;

    @TempDir
    Path directory;

    /** Virtual time: a wait moves it to the deadline at once and notes the deadline, from the start. */
    private final class VirtualClock implements ReplayClock {
        long now = 5_000;
        final List<Long> waitedUntil = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void waitUntil(long deadlineNanos, BooleanSupplier stopped) {
            waitedUntil.add(TimeUnit.NANOSECONDS.toMillis(deadlineNanos - 5_000));
            events.add("wait");
            now = Math.max(now, deadlineNanos);
        }
    }

    private final List<String> events = new ArrayList<>();
    private final VirtualClock clock = new VirtualClock();

    @BeforeEach
    void record() {
        try (FrameRecorder recorder = FrameRecorder.start(RecordOptions.in(directory), Clock.fixed(T0, ZoneOffset.UTC),
                (kind, message, details) -> { })) {
            LiveSessions live = new LiveSessions(recorder.wrap(LineProtocol.ID, new LineProtocol()));
            ProtocolSession session = live.open("line/stream#1", null);
            session.subscribe("quotes", List.of("AAA"));
            live.text(session, "AAA 1", T0);
            live.text(session, "AAA 2", T0.plusMillis(100));
            live.text(session, "AAA 3", T0.plusMillis(100));
            live.text(session, "AAA 4", T0.plusMillis(350));
        }
    }

    @Test
    void recordedPaceWaitsAsTheMessagesCameAndFlushesBeforeEachWait() throws IOException {
        replay(ReplaySpeed.parse("1x"));

        assertEquals(List.of(100L, 350L), clock.waitedUntil);
        assertEquals(List.of("quote", "caught up", "wait", "quote", "quote", "caught up", "wait", "quote", "caught up"),
                events);
    }

    @Test
    void aFactorScalesTheWaits() throws IOException {
        replay(ReplaySpeed.parse("2x"));

        assertEquals(List.of(50L, 175L), clock.waitedUntil);
    }

    @Test
    void maxNeverWaits() throws IOException {
        replay(ReplaySpeed.MAX);

        assertEquals(List.of(), clock.waitedUntil);
        assertEquals(List.of("quote", "quote", "quote", "quote", "caught up"), events);
    }

    @Test
    void speedsAreParsedAndMistakesSayWhatIsAccepted() {
        assertEquals(ReplaySpeed.MAX, ReplaySpeed.parse("MAX"));
        assertEquals("1x", ReplaySpeed.parse("1x").toString());
        assertEquals("0.5x", ReplaySpeed.parse(" 0.5X ").toString());
        assertEquals(250_000_000L, ReplaySpeed.parse("4x").scale(1_000_000_000L));
        for (String wrong : List.of("", "1", "x", "0x", "-2x", "fastx", "1e9x", "NaNx", "max2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse(wrong));
            assertEquals("'" + wrong + "' is not a replay speed; use max, 1x (the recorded pace), or a factor up to "
                    + "10000x such as 2x or 0.5x", e.getMessage());
        }
    }

    private void replay(ReplaySpeed speed) throws IOException {
        Replay.builder().provider(LineProtocol.ID, new LineProtocol(), SpiVersion.CURRENT).speed(speed).clock(clock)
                .listener(new FeedListener() {
                    @Override
                    public void onEvent(MarketEvent event) {
                        events.add(event.type());
                    }

                    @Override
                    public void onCaughtUp() {
                        events.add("caught up");
                    }
                }).build().run(directory);
    }
}

package io.marketfeed.app.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.FeedSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Where the table's width comes from, and that a resize while it runs takes effect on the next frame. */
class TestTerminalWidth {

    @Test
    void columnsWinsWhenItIsAPositiveNumber() {
        assertEquals(80, TerminalWidth.of("80", true).getAsInt());
        assertEquals(80, TerminalWidth.of(" 80 ", false).getAsInt());
        assertEquals(TerminalWidth.DEFAULT, TerminalWidth.of(null, false).getAsInt());
        for (String ignored : List.of("", "wide", "0", "-5", "80x")) {
            assertEquals(TerminalWidth.DEFAULT, TerminalWidth.of(ignored, false).getAsInt(), ignored);
        }
    }

    @Test
    void readsTheColumnsOfSttySize() {
        assertEquals(OptionalInt.of(132), TerminalWidth.parseSttySize("43 132\n"));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseSttySize(""));
        assertEquals(OptionalInt.empty(), TerminalWidth.parseSttySize("stty: 'standard input': Inappropriate ioctl"));
    }

    @Test
    void asksTheTerminalAgainAfterAResizeOrAfterAWhile() {
        AtomicInteger terminal = new AtomicInteger(100);
        AtomicInteger asked = new AtomicInteger();
        AtomicLong now = new AtomicLong(0);
        TerminalWidth width = new TerminalWidth(OptionalInt.empty(), () -> {
            asked.incrementAndGet();
            return terminal.get() > 0 ? OptionalInt.of(terminal.get()) : OptionalInt.empty();
        }, now::get);

        assertEquals(100, width.getAsInt());
        terminal.set(70);
        assertEquals(100, width.getAsInt(), "not asked again on every frame");
        assertEquals(1, asked.get());

        width.onResize();  // SIGWINCH
        assertEquals(70, width.getAsInt());
        assertEquals(2, asked.get());

        terminal.set(90);
        now.addAndGet(TerminalWidth.RECHECK.toNanos());  // no signal (where it cannot be trapped): still followed
        assertEquals(90, width.getAsInt());

        terminal.set(0);  // the terminal cannot be asked any more: the last width stays
        width.onResize();
        assertEquals(90, width.getAsInt());
    }

    @Test
    void theTableRedrawsInTheNewWidthFromACleanScreen() throws Exception {
        AtomicInteger columns = new AtomicInteger(200);
        Capture out = new Capture();
        TableView view = new TableView(ZoneOffset.UTC, 10, 200, List.of());
        Clock clock = Clock.fixed(Instant.parse("2026-02-10T12:00:15Z"), ZoneOffset.UTC);
        TableOutput table = new TableOutput(new PrintStream(out, true, StandardCharsets.UTF_8), true,
                Duration.ofHours(1), view, clock, columns::get);
        table.onEvent(Quote.builder("tickatlas", "EURUSD", clock.instant()).price(new BigDecimal("1.08512"))
                .bid(new BigDecimal("1.08510")).ask(new BigDecimal("1.08514")).volume(new BigDecimal("12345678"))
                .build());
        table.note("Operations: http://127.0.0.1:9464/status");
        table.start(() -> (FeedSnapshot) null);
        out.firstFrame.get(10, TimeUnit.SECONDS);
        String first = out.text();
        assertTrue(first.contains("VOLUME"), first);
        // A note given before the start is shown above the quotes (the screen is cleared: stderr is not seen).
        assertTrue(first.contains("Operations: http://127.0.0.1:9464/status"), first);

        columns.set(30);  // the terminal was made narrow while the table runs
        table.close();    // draws the last frame

        String last = out.text().substring(first.length());
        assertTrue(last.contains("\u001b[2J"), "a cleared screen after the width changed");
        List<String> lines = last.replace("\u001b[2J", "").replace("\u001b[H", "").replace("\u001b[K", "")
                .replace("\u001b[J", "").replace("\u001b[?25h", "").lines().toList();
        assertTrue(lines.stream().allMatch(line -> line.length() <= 30), String.join("\n", lines));
        assertFalse(last.contains("VOLUME"), last);
        assertTrue(last.contains("EURUSD") && last.contains("1.08512"), last);
    }

    /** stdout of the table, thread safe. */
    private static final class Capture extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Void> firstFrame = new CompletableFuture<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] buffer, int offset, int length) {
            bytes.write(buffer, offset, length);
        }

        @Override
        public synchronized void flush() {
            if (text().contains("VOLUME")) {
                firstFrame.complete(null);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

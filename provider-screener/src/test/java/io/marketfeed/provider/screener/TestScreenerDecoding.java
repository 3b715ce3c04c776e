package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.toolkit.WallClockTime;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder on its hot frames: what it allocates, and that reusing its parser and messages changes nothing. */
class TestScreenerDecoding {

    private static final Instant AT = Instant.parse("2025-11-10T12:00:01Z");

    private final ScreenerProtocol protocol = TestScreenerSession.protocol(Map.of("symbols", List.of("005930")));
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private ScreenerSession session() {
        ScreenerSession session = (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1",
                protocol.endpoints().get(0)));
        session.subscribe(Topics.BOOK, List.of("005930", "000660"));
        session.subscribe(Topics.QUOTES, List.of("005930", "000660"));
        return session;
    }

    private static String price(String code, String price) {
        return "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":41,"
                + "\"stock_code\":\"" + code + "\",\"price\":" + price + ",\"change\":1000,\"change_percent\":1.39,"
                + "\"volume\":12345678}";
    }

    private static String book(String code, int levels) {
        StringBuilder book = new StringBuilder("{\"type\":\"orderbook_update\",\"timestamp\":"
                + "\"2025-11-10T12:00:00.123456\",\"sequence\":42,\"stock_code\":\"" + code + "\",\"bids\":[");
        for (int i = 0; i < levels; i++) {
            book.append(i == 0 ? "" : ",").append("{\"price\":").append(72900 - i * 100).append(",\"quantity\":")
                    .append(1000 + i).append(",\"orders\":").append(3 + i).append('}');
        }
        book.append("],\"asks\":[");
        for (int i = 0; i < levels; i++) {
            book.append(i == 0 ? "" : ",").append("{\"price\":").append(73000 + i * 100).append(",\"quantity\":")
                    .append(800 + i).append(",\"orders\":").append(2 + i).append('}');
        }
        return book.append("]}").toString();
    }

    private static String batch(List<String> messages) {
        return "{\"type\":\"batch\",\"timestamp\":\"2025-11-10T12:00:00.153456\",\"sequence\":200,\"messages\":["
                + String.join(",", messages) + "],\"batch_size\":" + messages.size() + "}";
    }

    private static void decode(ScreenerSession session, String text, DecodeOutput out) {
        session.decode(InboundFrame.text(text, AT), out);
    }

    /** Counts events; anything else the session says fails the test. */
    private static final class Counting implements DecodeOutput {
        long events;

        @Override public void emit(MarketEvent event) { events++; }
        @Override public void ready() { }
        @Override public void limits(LimitsUpdate update) { }
        @Override public void acknowledged(String topic, List<String> symbols) { }
        @Override public void unsubscribed(String topic, List<String> symbols) { }
        @Override public void rejected(String topic, List<String> symbols, String reason) { }
        @Override public void substitute(String topic, String symbol, List<String> replacements, String reason) { }
        @Override public void heartbeat() { }
        @Override public void problem(Disposition disposition) { throw new AssertionError(disposition); }
        @Override public void credits(CreditUpdate update) { }
        @Override public void lost(Instant from, String reason) { }
    }

    private static long bytesPerFrame(ScreenerSession session, String text, int eventsPerFrame) {
        InboundFrame frame = InboundFrame.text(text, AT);
        Counting counting = new Counting();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            session.decode(frame, counting);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            session.decode(frame, counting);
        }
        long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        assertEquals(30_000L * eventsPerFrame, counting.events);
        return perFrame;
    }

    @Test
    void hotFramesAllocateTheirEventsAndLittleElse() {
        ScreenerSession session = session();
        // A quote is one object, its decimals and its time (about 160 bytes); the parser, the message, the
        // symbol and the time's text are reused.
        long quote = bytesPerFrame(session, price("005930", "73000.50"), 1);
        assertTrue(quote <= 256, "bytes per price_update: " + quote);
        // A book is a record of records with BigDecimals: 20 decimals, 10 levels, two lists, one time.
        long book = bytesPerFrame(session, book("005930", 5), 1);
        assertTrue(book <= 1_600, "bytes per orderbook_update: " + book);
        List<String> items = new ArrayList<>();
        for (String code : List.of("005930", "000660")) {
            items.add(price(code, "73000.50"));
            items.add(book(code, 5));
        }
        long batch = bytesPerFrame(session, batch(items), 4);
        assertTrue(batch <= 2 * (quote + book) + 128, "bytes per batch of 4: " + batch);
    }

    @Test
    void aLargeBatchThenASmallerOneCarriesEachEventOnceInOrder() {
        ScreenerSession session = session();
        List<String> items = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String code = i % 2 == 0 ? "005930" : "000660";
            if (i % 3 == 0) {
                items.add(book(code, 1 + i % 4));
                expected.add("book " + code + " " + (1 + i % 4));
            } else {
                items.add(price(code, i + ".5"));
                expected.add("quote " + code + " " + i + ".5");
            }
        }
        items.add(15, "{\"type\":\"pong\",\"sequence\":null}");
        decode(session, batch(items), out);
        assertEquals(expected, described(out.events()));
        assertEquals(1, out.heartbeats());
        out.clear();
        decode(session, batch(List.of(price("000660", "1.25"), book("005930", 2))), out);
        assertEquals(List.of("quote 000660 1.25", "book 005930 2"), described(out.events()));
        out.clear();
        // Over a thousand items: what the frame grew is dropped afterwards, and the next frames read as ever.
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            many.add(i % 10 == 0 ? "{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"bids\":[{},[],"
                    + "{\"price\":1,\"quantity\":" + i + "}]}" : price("000660", Integer.toString(i)));
        }
        decode(session, batch(many), out);
        assertEquals(1_500, out.events().size());
        assertEquals("quote 000660 1499", described(out.events()).get(1_499));
        assertEquals("book 005930 1", described(out.events()).get(1_490), "levels without fields are left out");
        out.clear();
        decode(session, batch(List.of(book("005930", 3), price("005930", "7"))), out);
        assertEquals(List.of("book 005930 3", "quote 005930 7"), described(out.events()));
        out.clear();
        decode(session, batch(List.of()), out);
        assertTrue(out.calls().isEmpty(), () -> "an empty batch says nothing: " + out.calls());
    }

    private static List<String> described(List<MarketEvent> events) {
        List<String> described = new ArrayList<>();
        for (MarketEvent event : events) {
            if (event instanceof Quote quote) {
                described.add("quote " + quote.symbol() + " " + quote.price().toPlainString());
            } else {
                BookSnapshot book = (BookSnapshot) event;
                described.add("book " + book.symbol() + " " + book.bids().size());
            }
        }
        return described;
    }

    @Test
    void aFrameThatEndsInsideAValueOrFailsAtOnceDoesNotSpillIntoTheNext() {
        ScreenerSession session = session();
        for (String bad : List.of("{\"type\":\"ping\"} 4", "{\"type\":\"ping\"} \"ab", "{\"type\":\"ping\"} \"x}",
                "{\"type\":\"ping\"} t", "{\"type\":\"ping\"}{}", "n9 x{y", "0\"a\":", "{\"type\":")) {
            out.clear();
            decode(session, price("005930", "1"), out);
            decode(session, bad, out);
            decode(session, price("005930", "2.5"), out);
            assertEquals(1, out.problems().size(), () -> bad + ": " + out.calls());
            assertTrue(out.problems().get(0).message().contains("could not be parsed"), bad);
            List<Quote> quotes = out.events(Quote.class);
            assertEquals(2, quotes.size(), bad);
            assertEquals(new BigDecimal("2.5"), quotes.get(1).price(), bad);
        }
        out.clear();
        decode(session, "{\"type\":\"ping\",\"message\":\"a}\"} \n", out);
        assertEquals(List.of(new RecordingDecodeOutput.Heartbeat()), out.calls(), "white space after the object");
    }

    /**
     * Values are read as every provider reads them (the toolkit's rules, TestScreenerOddValues): what it refuses is
     * a bad value, reported, and the quote is kept without it. An error's text is read whole however long.
     */
    @Test
    void oddValuesAreBadValuesAndLongTextsAreKept() {
        ScreenerSession session = session();
        decode(session, "{\"type\":\"price_update\",\"stock_code\":\"005930\",\"price\":\"\\u2003 32.50\\n\","
                + "\"change\":\"1.5\\u0000\",\"volume\":\" 7 \",\"change_pct\":\"" + " ".repeat(600) + "2\"}", out);
        Quote quote = out.events(Quote.class).get(0);
        assertNull(quote.price(), "an em space is no blank to a number");
        assertEquals(new BigDecimal("1.5"), quote.change(), "a control character is");
        assertEquals(new BigDecimal("7"), quote.volume());
        assertNull(quote.changePercent(), "600 blanks and a digit are too long to be a value");
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("price", "\u2003 32.50\n"),
                RecordingDecodeOutput.BadValue.absent("change_pct", "(601 characters)")), out.badValues());
        assertEquals(List.of(), out.problems());
        out.clear();
        String longMessage = "m".repeat(700) + " (max: 7)";
        decode(session, "{\"type\":\"error\",\"code\":\"TOO_MANY_TARGETS\",\"message\":\"" + longMessage + "\"}", out);
        assertEquals(7, out.limits().get(0).maxSymbolsPerFrame().getAsInt());
        assertTrue(out.calls(RecordingDecodeOutput.NotApplied.class).get(0).reason().contains(longMessage));
    }

    @Test
    void aRefreshedTokenLongerThanTextFieldsKeepIsUsed() {
        Map<String, Object> values = new HashMap<>(Map.of("token", TestTokens.jwt(Instant.now().plusSeconds(30)),
                "refresh-token", TestTokens.jwt(Instant.now().plusSeconds(3600))));
        ScreenerProtocol refreshing = TestScreenerSession.protocol(values);
        ScreenerSession session = (ScreenerSession) refreshing.openSession(new SessionContext("s",
                refreshing.endpoints().get(0)));
        session.heartbeat();
        String fresh = TestTokens.jwt(Instant.now().plusSeconds(900)).replace(".sig", "." + "s".repeat(800));
        decode(session, "{\"type\":\"token_refreshed\",\"access_token\":\"" + fresh + "\",\"expires_in\":900}", out);
        assertTrue(out.problems().isEmpty(), () -> "" + out.calls());
        ScreenerSession next = (ScreenerSession) refreshing.openSession(new SessionContext("s",
                refreshing.endpoints().get(0), java.util.Optional.of(session)));
        assertEquals(fresh, next.queryParameters().get("token").reveal());
    }

    @Test
    void bookLevelsInEveryShapeTheReaderAccepts() {
        ScreenerSession session = session();
        decode(session, "{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"bids\":[{\"price\":\"100.50\","
                + "\"size\":5,\"order_count\":\"3.0\"},[99,6,2],[98],{\"price\":97,\"volume\":7,\"orders\":1.5},"
                + "{\"price\":96,\"quantity\":8,\"quantity\":null,\"orders\":-1},7,{\"price\":95,\"quantity\":9,"
                + "\"orders\":2147483648}],\"asks\":[[101,4,null],{\"price\":null,\"quantity\":1}]}", out);
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(List.of(new BookLevel(new BigDecimal("100.50"), new BigDecimal("5"), 3),
                new BookLevel(new BigDecimal("99"), new BigDecimal("6"), 2),
                new BookLevel(new BigDecimal("97"), new BigDecimal("7"), null),
                new BookLevel(new BigDecimal("95"), new BigDecimal("9"), null)), book.bids(),
                "of duplicate keys the last counts: a quantity of null leaves its level out");
        assertEquals(List.of(new BookLevel(new BigDecimal("101"), new BigDecimal("4"), null)), book.asks());
    }

    /**
     * The server's naive times ({@code datetime.utcnow().isoformat()}) are UTC; the docs' and any other offset count.
     * The rule itself is {@link WallClockTime}'s, tested against {@code java.time} in the toolkit.
     */
    @Test
    void timestampsAreReadInUtcUnlessTheySayOtherwise() throws IOException {
        ScreenerFrameReader reader = new ScreenerFrameReader();
        Map<String, Instant> shapes = Map.of(
                "2025-11-10T12:00:00.123456", Instant.parse("2025-11-10T12:00:00.123456Z"),
                " 2025-11-10 12:00:00 ", Instant.parse("2025-11-10T12:00:00Z"),
                "2025-11-10T12:00:00Z", Instant.parse("2025-11-10T12:00:00Z"),
                "2025-11-10 12:00:00.5+03:00", Instant.parse("2025-11-10T09:00:00.5Z"));
        shapes.forEach((text, expected) -> assertEquals(expected, timestamp(reader, text), text));
        // A NUL (JSON-escaped) is no blank; java.time has no hour 24 and no zone ids here.
        for (String text : List.of("\\u00002025-11-10T12:00:00", "2025-11-10T24:00:00", "2025-11-10T12:00:00[UTC]")) {
            assertNull(timestamp(reader, text), text);
        }
    }

    private static Instant timestamp(ScreenerFrameReader reader, String text) {
        try {
            return reader.read(frame("{\"timestamp\":\"" + text + "\"}")).timestamp();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void contentAfterTheObjectIsRefusedAndCostsNoOtherFrame() throws IOException {
        ScreenerFrameReader reader = new ScreenerFrameReader();
        for (String text : List.of("{}", "{\"a\":\"}\"}", "{\"a\":\"x\\\"}\"} ", "{\"a\":{\"b\":\"} \"}}\r\n")) {
            reader.read(frame(text));
        }
        for (String text : List.of("{} 4", "{} \"}", "{\"a\":1} \"b\\\"}", "{} x", "", "{}{}")) {
            assertThrows(IOException.class, () -> reader.read(frame(text)), text);
            reader.read(frame("{\"type\":\"pong\"}"));
        }
    }

    private static InboundFrame frame(String text) {
        byte[] bytes = ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
        return new InboundFrame(bytes, 1, bytes.length - 2, true, AT);
    }
}

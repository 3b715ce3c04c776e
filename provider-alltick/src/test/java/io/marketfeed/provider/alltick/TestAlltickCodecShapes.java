package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.testkit.RecordingDecodeOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AllTick codec on the shapes its recorded frames do not cover: books of every depth, levels without volume,
 * every trade direction, pushes missing what a trade needs, and the exact requests the client sends.
 */
class TestAlltickCodecShapes {

    private final AlltickFrameReader reader = new AlltickFrameReader();
    private final AlltickCodec codec = new AlltickCodec();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private void book(String json) throws IOException {
        AlltickMessage message = reader.read(Frames.json(json));
        codec.book(message, codec.code(message), Frames.RECEIVED_AT, out);
    }

    private void trade(String json) throws IOException {
        AlltickMessage message = reader.read(Frames.json(json));
        codec.trade(message, codec.code(message), Frames.RECEIVED_AT, out);
    }

    private static String levels(int count, int first) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"price\":\"").append(first + i).append(".5\",\"volume\":\"")
                    .append(i + 1).append("\"}");
        }
        return json.append(']').toString();
    }

    @Test
    void booksOfEveryDepthKeepEveryLevelInOrder() throws IOException {
        for (int depth = 0; depth <= 12; depth++) {
            book("{\"cmd_id\":22999,\"data\":{\"code\":\"AAPL.US\",\"tick_time\":\"1677830357227\",\"bids\":"
                    + levels(depth, 100) + ",\"asks\":" + levels(depth, 200) + "}}");
        }
        List<BookSnapshot> books = out.events(BookSnapshot.class);
        assertEquals(13, books.size());
        for (int depth = 0; depth <= 12; depth++) {
            BookSnapshot book = books.get(depth);
            assertEquals(depth, book.bids().size(), "depth " + depth);
            assertEquals(depth, book.asks().size(), "depth " + depth);
            for (int i = 0; i < depth; i++) {
                assertEquals(new BookLevel(new BigDecimal((100 + i) + ".5"), new BigDecimal(String.valueOf(i + 1)),
                        null), book.bids().get(i));
                assertEquals(new BigDecimal((200 + i) + ".5"), book.asks().get(i).price());
            }
            assertEquals(Instant.ofEpochMilli(1_677_830_357_227L), book.time());
        }
        assertTrue(out.problems().isEmpty(), out.problems().toString());
    }

    @Test
    void aLevelWithoutVolumeHasSizeZeroAndOneWithoutPriceIsLeftOut() throws IOException {
        book("{\"cmd_id\":22999,\"data\":{\"code\":\"EURUSD\",\"bids\":[{\"price\":\"1.1\"},{\"price\":\"1.0\","
                + "\"volume\":null},{\"price\":\"0.9\",\"volume\":\"\"},{\"volume\":\"5\"}],\"asks\":[]}}");
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(List.of(new BookLevel(new BigDecimal("1.1"), BigDecimal.ZERO, null),
                new BookLevel(new BigDecimal("1.0"), BigDecimal.ZERO, null),
                new BookLevel(new BigDecimal("0.9"), BigDecimal.ZERO, null)), book.bids());
        assertNull(book.time());
        assertEquals(List.of(Disposition.warn("AllTick order book for EURUSD had 1 level(s) without a valid price"
                + " or volume; they were left out")), out.problems());
    }

    @Test
    void aBookWithoutACodeIsAWarning() throws IOException {
        book("{\"cmd_id\":22999,\"data\":{\"bids\":[]}}");
        assertEquals(List.of(Disposition.warn("AllTick sent an order book without a code; it was ignored")),
                out.problems());
        assertTrue(out.events().isEmpty());
    }

    @Test
    void tradeDirectionsAreBuySellOrUnknown() throws IOException {
        List<Side> sides = new ArrayList<>();
        for (String direction : List.of("1", "2", "0", "\"1\"", "3")) {
            trade("{\"cmd_id\":22998,\"data\":{\"code\":\"X\",\"price\":\"1\",\"volume\":\"2\",\"trade_direction\":"
                    + direction + "}}");
        }
        for (Trade trade : out.events(Trade.class)) {
            sides.add(trade.side());
        }
        assertEquals(List.of(Side.BUY, Side.SELL, Side.UNKNOWN, Side.BUY, Side.UNKNOWN), sides);
    }

    @Test
    void aTradeMissingItsPriceOrVolumeIsAWarningNamingTheCode() throws IOException {
        trade("{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"volume\":\"2\"}}");
        trade("{\"cmd_id\":22998,\"data\":{\"price\":\"1\",\"volume\":\"2\"}}");
        assertEquals(List.of(
                Disposition.warn("AllTick sent a trade without a code, price or volume for AAPL.US; it was ignored"),
                Disposition.warn("AllTick sent a trade without a code, price or volume; it was ignored")),
                out.problems());
        assertTrue(out.events().isEmpty());
    }

    @Test
    void theRequestsAreTheDocumentedJson() {
        assertEquals("{\"cmd_id\":22004,\"seq_id\":7,\"trace\":\"t-7\",\"data\":{\"symbol_list\":[{\"code\":"
                + "\"AAPL.US\"},{\"code\":\"TSLA.US\"}]}}",
                AlltickCodec.subscribeTrades(7, "t-7", List.of("AAPL.US", "TSLA.US")).text());
        assertEquals("{\"cmd_id\":22002,\"seq_id\":8,\"trace\":\"t-8\",\"data\":{\"symbol_list\":[{\"code\":"
                + "\"EURUSD\",\"depth_level\":5}]}}",
                AlltickCodec.subscribeDepth(8, "t-8", List.of("EURUSD"), 5).text());
        assertEquals("{\"cmd_id\":22006,\"seq_id\":9,\"trace\":\"t-9\",\"data\":{\"cancel_type\":2}}",
                AlltickCodec.cancel(9, "t-9", AlltickCodec.CANCEL_TRADES).text());
        assertEquals("{\"cmd_id\":22000,\"seq_id\":10,\"trace\":\"t-10\",\"data\":{}}",
                AlltickCodec.heartbeat(10, "t-10").text());
        assertEquals("{\"cmd_id\":22004,\"seq_id\":1,\"trace\":\"t\",\"data\":{\"symbol_list\":[]}}",
                AlltickCodec.subscribeTrades(1, "t", List.of()).text());
    }

    @Test
    void textHelpersReadDecimals() {
        assertEquals(new BigDecimal("651.120"), TestAlltickCodec.decimal("651.120"));
        assertNull(TestAlltickCodec.decimal(null));
        assertNull(TestAlltickCodec.decimal("x"));
    }
}

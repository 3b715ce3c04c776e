package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.testkit.RecordingDecodeOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The SAHMK codec on shapes the recorded frames do not cover: the requests it sends, limits announced in part,
 * books numbered out of order, trades of every side, and the symbols an error names in each of its ways.
 */
class TestSahmkCodecShapes {

    private final SahmkFrameReader reader = new SahmkFrameReader();
    private final SahmkCodec codec = new SahmkCodec();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private SahmkMessage read(String json) throws IOException {
        return reader.read(Frames.json(json));
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void theRequestsAreTheDocumentedJson() {
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"2222\",\"1120\"]}",
                SahmkCodec.subscribe(List.of("2222", "1120"), OptionalInt.empty()).text());
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"2222\"],\"levels\":10}",
                SahmkCodec.subscribe(List.of("2222"), OptionalInt.of(10)).text());
        assertEquals("{\"action\":\"unsubscribe\",\"symbols\":[\"2222\",\"a\\\"b\"]}",
                SahmkCodec.unsubscribe(List.of("2222", "a\"b")).text());
        assertEquals("{\"action\":\"unsubscribe\",\"symbols\":[]}", SahmkCodec.unsubscribe(List.of()).text());
        assertEquals("{\"action\":\"ping\"}", SahmkCodec.PING.text());
    }

    @Test
    void limitsAnnouncedInPart() throws IOException {
        assertEquals(Optional.of(new LimitsUpdate(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "pro")), codec.limits(read("{\"type\":\"connected\",\"plan\":\" pro \"}")));
        assertEquals(Optional.of(new LimitsUpdate(OptionalInt.of(60), OptionalInt.empty(), OptionalInt.empty(), "")),
                codec.limits(read("{\"type\":\"connected\",\"limits\":{\"max_symbols_per_connection\":60}}")));
        assertEquals(Optional.of(new LimitsUpdate(OptionalInt.empty(), OptionalInt.of(1), OptionalInt.empty(), "")),
                codec.limits(read("{\"type\":\"connected\",\"limits\":{\"max_symbols_per_call\":1}}")));
        assertEquals(Optional.empty(), codec.limits(read("{\"type\":\"connected\",\"limits\":{"
                + "\"max_symbols_per_connection\":0}}")));
    }

    @Test
    void levelsAreSortedByTheirNumberAndUnnumberedOnesComeLast() throws IOException {
        codec.book(read("{\"type\":\"depth_snapshot\",\"symbol\":\"2222\",\"bids\":[{\"price\":\"1\",\"quantity\":1},"
                + "{\"price\":\"3\",\"quantity\":3,\"level\":3},{\"price\":\"2\",\"quantity\":2,\"level\":2},"
                + "{\"price\":\"0\",\"quantity\":9,\"level\":0}],\"asks\":[]}"), Frames.RECEIVED_AT, out);
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(List.of(d("0"), d("2"), d("3"), d("1")), book.bids().stream().map(BookLevel::price).toList());
        assertEquals(List.of(), book.asks());
        assertTrue(out.problems().isEmpty());
    }

    @Test
    void tradeSidesAreBuySellOrUnknown() throws IOException {
        for (String side : List.of("\"buy\"", "\"SELL\"", "\" Buy \"", "\"cross\"", "null", "1")) {
            codec.trade(read("{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":\"32.5\",\"quantity\":\"10\","
                    + "\"side\":" + side + "}"), Frames.RECEIVED_AT, out);
        }
        assertEquals(List.of(Side.BUY, Side.SELL, Side.BUY, Side.UNKNOWN, Side.UNKNOWN, Side.UNKNOWN),
                out.events(Trade.class).stream().map(Trade::side).toList());
    }

    @Test
    void aTradeInsideDataIsReadThere() throws IOException {
        codec.trade(read("{\"type\":\"trade\",\"symbol\":\"2222\",\"data\":{\"price\":\"32.5\",\"quantity\":\"10\","
                + "\"value\":\"325\",\"trade_id\":\" t9 \"}}"), Frames.RECEIVED_AT, out);
        Trade trade = out.events(Trade.class).get(0);
        assertEquals(d("32.5"), trade.price());
        assertEquals(d("325"), trade.value());
        assertEquals("t9", trade.tradeId());
    }

    @Test
    void aTradeWithoutAPriceIsAWarningNamingItsSymbol() throws IOException {
        codec.trade(read("{\"type\":\"trade\",\"symbol\":\"2222\",\"quantity\":\"10\"}"), Frames.RECEIVED_AT, out);
        codec.trade(read("{\"type\":\"trade\",\"price\":\"1\",\"quantity\":\"10\"}"), Frames.RECEIVED_AT, out);
        assertEquals(List.of(
                Disposition.warn("SAHMK sent a trade without a symbol, price or quantity for 2222; it was ignored"),
                Disposition.warn("SAHMK sent a trade without a symbol, price or quantity; it was ignored")),
                out.problems());
    }

    @Test
    void aTradesSnapshotCountsTheTradesItLeftOut() throws IOException {
        codec.tradesSnapshot(read("{\"type\":\"trades_snapshot\",\"symbol\":\"2222\",\"events\":[{\"price\":\"1\","
                + "\"quantity\":\"1\"},{\"price\":\"2\"},{\"quantity\":\"3\"}]}"), Frames.RECEIVED_AT, out);
        assertEquals(1, out.events(Trade.class).size());
        assertEquals(List.of(Disposition.warn("SAHMK trades snapshot for 2222 had 2 trade(s) without a symbol, price "
                + "or quantity; they were left out")), out.problems());
        RecordingDecodeOutput each = new RecordingDecodeOutput();
        codec.tradesSnapshot(read("{\"type\":\"trades_snapshot\",\"events\":[{\"symbol\":\"1120\",\"price\":\"1\","
                + "\"quantity\":\"1\"},{\"price\":\"2\",\"quantity\":\"2\"}]}"), Frames.RECEIVED_AT, each);
        assertEquals(List.of("1120"), each.events(Trade.class).stream().map(Trade::symbol).toList(),
                "each trade's own symbol when the snapshot has none");
        assertEquals(List.of(Disposition.warn("SAHMK trades snapshot had 1 trade(s) without a symbol, price or "
                + "quantity; they were left out")), each.problems());
    }

    @Test
    void theSymbolsAnErrorNamesInEachOfItsWays() throws IOException {
        assertEquals(List.of("2222", "1120"), read("{\"type\":\"error\",\"symbols\":"
                + "[\" 2222 \",\"\",\"1120\"],\"symbol\":\"9999\"}").namedSymbols());
        assertEquals(List.of("9999"), read("{\"type\":\"error\",\"symbols\":[\" \"],"
                + "\"symbol\":\" 9999 \"}").namedSymbols());
        assertEquals(List.of("9999", "8888"), read("{\"type\":\"error\",\"message\":"
                + "\"Invalid symbols: 9999, 8888\"}").namedSymbols());
        assertEquals(List.of("7777"), read("{\"type\":\"error\",\"symbol\":\"7777\","
                + "\"message\":\"Invalid symbols: 9999\"}").namedSymbols());
        assertEquals(List.of(), read("{\"type\":\"error\",\"message\":\"Rate limited\"}").namedSymbols());
        assertEquals(List.of(), read("{\"type\":\"error\"}").namedSymbols());
    }

    @Test
    void aFlatQuoteIsReadFromTheTopLevel() throws IOException {
        codec.quote(read("{\"type\":\"quote\",\"symbol\":\"2222\",\"price\":\"32.5\",\"bid\":\"n/a\","
                + "\"data\":{\"ask\":\"x\"}}"), Frames.RECEIVED_AT, out);
        io.marketfeed.api.model.Quote quote = out.events(io.marketfeed.api.model.Quote.class).get(0);
        assertEquals(d("32.5"), quote.price());
        assertEquals(null, quote.bid());
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("bid", "n/a"),
                RecordingDecodeOutput.BadValue.absent("ask", "x")), out.badValues());
    }

    @Test
    void timesThatAreNoTimesAreReportedAndTheEventsKept() throws IOException {
        codec.quote(read("{\"type\":\"quote\",\"symbol\":\"2222\",\"timestamp\":\"soon\",\"data\":{"
                + "\"price\":1,\"updated_at\":\"later\",\"timestamp\":\"never\"}}"), Frames.RECEIVED_AT, out);
        codec.book(read("{\"type\":\"depth_snapshot\",\"symbol\":\"2222\",\"updated_at\":\"x\","
                + "\"timestamp\":\"y\",\"bids\":[],\"asks\":[]}"), Frames.RECEIVED_AT, out);
        codec.trade(read("{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":1,\"quantity\":2,"
                + "\"event_time\":\"e\",\"timestamp\":\"t\"}"), Frames.RECEIVED_AT, out);
        assertEquals(List.of("timestamp=soon", "updated_at=later", "timestamp=never", "updated_at=x", "timestamp=y",
                "event_time=e", "timestamp=t"), out.badValues().stream().map(b -> b.field() + "=" + b.sample())
                .toList());
        assertEquals(3, out.events().size(), "each event kept, at its receive time");
        assertTrue(out.events().stream().allMatch(e -> e.receivedAt().equals(Frames.RECEIVED_AT)));
    }

    @Test
    void aTimeInDataStandsInForTheMessagesOwn() throws IOException {
        codec.quote(read("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":1,"
                + "\"timestamp\":\"2026-02-10T09:00:00Z\"}}"), Frames.RECEIVED_AT, out);
        codec.book(read("{\"type\":\"depth_snapshot\",\"symbol\":\"2222\",\"timestamp\":\"2026-02-10T09:00:01Z\","
                + "\"bids\":[],\"asks\":[]}"), Frames.RECEIVED_AT, out);
        codec.trade(read("{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":1,\"quantity\":2,"
                + "\"timestamp\":\"2026-02-10T09:00:02Z\"}"), Frames.RECEIVED_AT, out);
        assertEquals(List.of(java.time.Instant.parse("2026-02-10T09:00:00Z")),
                out.events(io.marketfeed.api.model.Quote.class).stream().map(q -> q.time()).toList());
        assertEquals(java.time.Instant.parse("2026-02-10T09:00:01Z"), out.events(BookSnapshot.class).get(0).time());
        assertEquals(java.time.Instant.parse("2026-02-10T09:00:02Z"), out.events(Trade.class).get(0).time());
        assertEquals(List.of(), out.badValues());
    }

    @Test
    void aBookWithoutASymbolIsAWarning() throws IOException {
        codec.book(read("{\"type\":\"depth_snapshot\",\"bids\":[]}"), Frames.RECEIVED_AT, out);
        assertEquals(List.of(Disposition.warn("SAHMK sent a depth snapshot without a symbol; it was ignored")),
                out.problems());
        assertTrue(out.events().isEmpty());
    }

    @Test
    void aSnapshotTradeWithABadSymbolIsReportedAndNotCountedAgain() throws IOException {
        codec.tradesSnapshot(read("{\"type\":\"trades_snapshot\",\"events\":[{\"symbol\":\" \",\"price\":1,"
                + "\"quantity\":1},{\"symbol\":\"1120\",\"price\":\"bad\",\"quantity\":1}]}"),
                Frames.RECEIVED_AT, out);
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("symbol", " "),
                RecordingDecodeOutput.BadValue.dropped("price", "bad")), out.badValues());
        assertEquals(List.of(), out.problems(), "each left out once, as a bad value");
    }

    @Test
    void typeAndSymbolAreInterned() throws IOException {
        String first = codec.symbol(read("{\"symbol\":\"2222\"}"));
        assertTrue(first == codec.symbol(read("{\"symbol\":\" 2222\"}")), "the same string for the same symbol");
        assertEquals("quote", codec.type(read("{\"type\":\"quote\"}")));
    }
}

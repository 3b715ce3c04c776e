package io.marketfeed.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each event names its kind (the {@code type} field of the jsonl output) and market data its topic. */
class EventKindsTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void everyEventNamesItsKindAndMarketDataItsTopic() {
        Trade trade = new Trade("p", "S", BigDecimal.ONE, BigDecimal.TEN, null, Side.BUY, "t1", AT, AT);
        assertEquals("trade", trade.type());
        assertEquals(Topics.TRADES, trade.topic());
        BookSnapshot book = new BookSnapshot("p", "S", List.of(new BookLevel(BigDecimal.ONE, BigDecimal.TEN, 3)),
                List.of(), AT, AT);
        assertEquals("book", book.type());
        assertEquals(Topics.BOOK, book.topic());
        Candle candle = new Candle("p", "S", Duration.ofMinutes(1), AT, BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.ONE, BigDecimal.TEN, null, AT);
        assertEquals("candle", candle.type());
        assertEquals(Topics.CANDLES, candle.topic());
        assertEquals("alert", new Alert("p", null, "halt", "trading halted", null, AT).type());
        assertEquals("gap", new GapEvent("p", "stocks", List.of("S"), AT, AT, "reconnect", AT).type());
        assertEquals("market", new MarketStatus("p", "TASI", "open", null, null, AT).type());
        assertEquals("status", new StatusEvent("p", "credits", "low", Map.of(), AT).type());
        assertEquals("connection", new ConnectionEvent("p", "stocks", ConnectionState.CONNECTED, null, 1, null, AT)
                .type());
    }

    @Test
    void connectionStatesReadInLowerCase() {
        assertEquals("reconnecting", ConnectionState.RECONNECTING.label());
        assertEquals("closed", ConnectionState.CLOSED.label());
    }
}

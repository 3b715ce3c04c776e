package io.marketfeed.sink;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events for sink tests: one of every kind with values a careless store would change (decimals with more
 * digits than a double holds, trailing zeros, negatives, huge and tiny magnitudes; text with quotes, newlines and
 * non-ASCII), and a stream of many quotes and trades.
 */
public final class SampleEvents {

    /** A fixed instant with nanoseconds, so that a store which truncates time shows it. */
    public static final Instant T0 = Instant.parse("2026-12-04T14:30:00.123456789Z");

    private SampleEvents() {
    }

    /** One event of every kind, in a fixed order. */
    public static List<MarketEvent> everyKind() {
        Instant t = T0;
        return List.of(
                Quote.builder("sahmk", "2222", t.plusMillis(1)).price(dec("27.850")).change(dec("-0.15"))
                        .changePercent(dec("-0.5357142857142857142857")).volume(dec("12345678901234567890"))
                        .bid(dec("27.84")).ask(dec("27.86")).open(dec("28")).high(dec("28.10")).low(dec("27.7"))
                        .previousClose(dec("28.000")).time(t).build(),
                Quote.builder("tickatlas", "EURUSD", t.plusMillis(2)).bid(dec("1.085431")).ask(dec("1.085449"))
                        .build(),
                new Trade("alltick", "BTCUSDT", dec("98765.4321098765"), dec("0.00000001"), null, Side.BUY, "t-1\"x",
                        t, t.plusMillis(3)),
                new Trade("alltick", "AAPL.US", dec("1000.00"), dec("5"), dec("5000"), Side.UNKNOWN, null, null,
                        t.plusMillis(4)),
                new Candle("sahmk", "1120", Duration.ofMinutes(1), t.minusSeconds(60), dec("80.1"), dec("80.9"),
                        dec("79.95"), dec("80.50"), dec("1000000.5"), t.plusMillis(5)),
                new BookSnapshot("alltick", "ETHUSDT",
                        List.of(new BookLevel(dec("3500.12"), dec("1.5"), 3), new BookLevel(dec("3500.1"),
                                dec("0.25"), null)),
                        List.of(new BookLevel(dec("3500.2"), dec("2"), 1)), t, t.plusMillis(6)),
                new MarketStatus("sahmk", "TASI", "open", "Market opened\nline two", t, t.plusMillis(7)),
                new Alert("screener", "005930", "volume-spike", "Volume \u00d73 \u2014 \"unusual\"", t,
                        t.plusMillis(8)),
                new GapEvent("sahmk", "sahmk-1", List.of("2222", "1120"), t.minusSeconds(5), t, "disconnected",
                        t.plusMillis(9)),
                new ConnectionEvent("sahmk", "sahmk-1", ConnectionState.RECONNECTING, "server closed 1006", 2,
                        Duration.ofMillis(1500), t.plusMillis(10)),
                new StatusEvent("tickatlas", "listener-behind", "output dropped 3 events",
                        Map.of("dropped", "3", "listener", "output"), t.plusMillis(11)));
    }

    /**
     * {@code count} market-data events: quotes and (every fifth) trades over 50 symbols, prices distinct per
     * event so that a lost, repeated or reordered event shows.
     */
    public static List<MarketEvent> stream(int count) {
        List<MarketEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String symbol = "S" + (i % 50);
            Instant at = T0.plusNanos(1_000L * i);
            BigDecimal price = BigDecimal.valueOf(100_000L + i, 4);
            events.add(i % 5 == 4
                    ? new Trade("sahmk", symbol, price, BigDecimal.valueOf(i % 7 + 1), null, Side.SELL, "x" + i, at, at)
                    : Quote.builder("sahmk", symbol, at).price(price).bid(price.subtract(BigDecimal.ONE.movePointLeft(4)))
                            .time(at).build());
        }
        return events;
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }
}

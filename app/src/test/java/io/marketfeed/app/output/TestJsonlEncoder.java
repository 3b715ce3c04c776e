package io.marketfeed.app.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TestJsonlEncoder {

    private static final Instant AT = Instant.parse("2026-02-10T12:19:22.125Z");
    private static final Instant RECEIVED = Instant.parse("2026-02-10T12:19:22.300Z");

    @Test
    void quoteWithEveryFieldKeepsExactDecimals() {
        Quote quote = Quote.builder("sahmk", "2222", RECEIVED).price(new BigDecimal("651.12"))
                .change(new BigDecimal("-0.10")).changePercent(new BigDecimal("0.7")).volume(new BigDecimal("1200300"))
                .bid(new BigDecimal("651.10")).ask(new BigDecimal("651.20")).open(new BigDecimal("650"))
                .high(new BigDecimal("652.5")).low(new BigDecimal("649.0")).previousClose(new BigDecimal("651.22"))
                .time(AT).build();

        assertEquals("{\"type\":\"quote\",\"provider\":\"sahmk\",\"symbol\":\"2222\",\"price\":651.12,"
                + "\"change\":-0.10,\"changePercent\":0.7,\"volume\":1200300,\"bid\":651.10,\"ask\":651.20,"
                + "\"open\":650,\"high\":652.5,\"low\":649.0,\"previousClose\":651.22,"
                + "\"time\":\"2026-02-10T12:19:22.125Z\",\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n",
                lines(quote));
    }

    @Test
    void quoteOmitsAbsentValues() {
        Quote quote = Quote.builder("sahmk", "2222", RECEIVED).price(new BigDecimal("32.50"))
                .changePercent(new BigDecimal("0.7")).build();

        assertEquals("{\"type\":\"quote\",\"provider\":\"sahmk\",\"symbol\":\"2222\",\"price\":32.50,"
                + "\"changePercent\":0.7,\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(quote));
    }

    @Test
    void decimalsAreNeverScientific() {
        Quote quote = Quote.builder("p", "S", RECEIVED).price(new BigDecimal("1E+3"))
                .bid(new BigDecimal("0.00000012")).ask(new BigDecimal("123456789012345678901234.5678")).build();

        assertEquals("{\"type\":\"quote\",\"provider\":\"p\",\"symbol\":\"S\",\"price\":1000,\"bid\":0.00000012,"
                + "\"ask\":123456789012345678901234.5678,\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n",
                lines(quote));
    }

    @Test
    void trade() {
        Trade full = new Trade("sahmk", "2222", new BigDecimal("26.20"), new BigDecimal("100"),
                new BigDecimal("2620.00"), Side.BUY, "T-1", AT, RECEIVED);
        Trade bare = new Trade("sahmk", "2222", new BigDecimal("26.2"), new BigDecimal("1"), null, Side.UNKNOWN,
                null, null, RECEIVED);

        assertEquals("{\"type\":\"trade\",\"provider\":\"sahmk\",\"symbol\":\"2222\",\"price\":26.20,\"size\":100,"
                + "\"value\":2620.00,\"side\":\"buy\",\"tradeId\":\"T-1\",\"time\":\"2026-02-10T12:19:22.125Z\","
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n"
                + "{\"type\":\"trade\",\"provider\":\"sahmk\",\"symbol\":\"2222\",\"price\":26.2,\"size\":1,"
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(full, bare));
    }

    @Test
    void candleIntervalIsIso8601() {
        Candle candle = new Candle("tickatlas", "EURUSD", Duration.ofMinutes(1), Instant.parse("2026-02-10T12:19:00Z"),
                new BigDecimal("1.08010"), new BigDecimal("1.08050"), new BigDecimal("1.07990"),
                new BigDecimal("1.08020"), null, RECEIVED);

        assertEquals("{\"type\":\"candle\",\"provider\":\"tickatlas\",\"symbol\":\"EURUSD\",\"interval\":\"PT1M\","
                + "\"openTime\":\"2026-02-10T12:19:00Z\",\"open\":1.08010,\"high\":1.08050,\"low\":1.07990,"
                + "\"close\":1.08020,\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(candle));
    }

    @Test
    void book() {
        BookSnapshot book = new BookSnapshot("sahmk", "2222",
                List.of(new BookLevel(new BigDecimal("26.80"), new BigDecimal("1000"), 3),
                        new BookLevel(new BigDecimal("26.78"), new BigDecimal("50"), null)),
                List.of(new BookLevel(new BigDecimal("26.84"), new BigDecimal("20"), 1)), null, RECEIVED);

        assertEquals("{\"type\":\"book\",\"provider\":\"sahmk\",\"symbol\":\"2222\",\"bids\":[{\"price\":26.80,"
                + "\"size\":1000,\"orders\":3},{\"price\":26.78,\"size\":50}],\"asks\":[{\"price\":26.84,\"size\":20,"
                + "\"orders\":1}],\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(book));
    }

    @Test
    void marketStatusAndAlert() {
        MarketStatus status = new MarketStatus("sahmk", "TADAWUL", "open", null, AT, RECEIVED);
        Alert alert = new Alert("screener", null, "price", "2222 crossed 30", null, RECEIVED);

        assertEquals("{\"type\":\"market\",\"provider\":\"sahmk\",\"market\":\"TADAWUL\",\"status\":\"open\","
                + "\"time\":\"2026-02-10T12:19:22.125Z\",\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n"
                + "{\"type\":\"alert\",\"provider\":\"screener\",\"kind\":\"price\",\"message\":\"2222 crossed 30\","
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(status, alert));
    }

    @Test
    void connectionStatesAreLowerCaseAndDelayInMilliseconds() {
        ConnectionEvent reconnecting = new ConnectionEvent("sahmk", "sahmk/quotes#1", ConnectionState.RECONNECTING,
                "connection refused", 3, Duration.ofMillis(4123), RECEIVED);
        ConnectionEvent connected = new ConnectionEvent("sahmk", "sahmk/quotes#1", ConnectionState.CONNECTED, null,
                0, null, RECEIVED);

        assertEquals("{\"type\":\"connection\",\"provider\":\"sahmk\",\"connection\":\"sahmk/quotes#1\","
                + "\"state\":\"reconnecting\",\"reason\":\"connection refused\",\"attempt\":3,\"nextAttemptIn\":4123,"
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n"
                + "{\"type\":\"connection\",\"provider\":\"sahmk\",\"connection\":\"sahmk/quotes#1\","
                + "\"state\":\"connected\",\"attempt\":0,\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n",
                lines(reconnecting, connected));
        for (ConnectionState state : ConnectionState.values()) {
            String line = lines(new ConnectionEvent("p", "c", state, null, 0, null, RECEIVED));
            assertTrue(line.contains("\"state\":\"" + state.name().toLowerCase(Locale.ROOT) + "\""), line);
        }
    }

    @Test
    void gapAndStatus() {
        GapEvent gap = new GapEvent("sahmk", "sahmk/quotes#1", List.of("2222", "1120"), AT, RECEIVED,
                "no frame for 90s", RECEIVED);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("maxSymbolsPerConnection", "60");
        details.put("maxSymbolsPerFrame", "20");
        StatusEvent status = new StatusEvent("sahmk", "limits", "server limits: 60 per connection", details,
                RECEIVED);

        assertEquals("{\"type\":\"gap\",\"provider\":\"sahmk\",\"connection\":\"sahmk/quotes#1\","
                + "\"symbols\":[\"2222\",\"1120\"],\"from\":\"2026-02-10T12:19:22.125Z\","
                + "\"to\":\"2026-02-10T12:19:22.300Z\",\"reason\":\"no frame for 90s\","
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n"
                + "{\"type\":\"status\",\"provider\":\"sahmk\",\"kind\":\"limits\","
                + "\"message\":\"server limits: 60 per connection\",\"details\":{\"maxSymbolsPerConnection\":\"60\","
                + "\"maxSymbolsPerFrame\":\"20\"},\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(gap, status));
    }

    @Test
    void candleWithVolume() {
        Candle candle = new Candle("tickatlas", "XAUUSD", Duration.ofMinutes(1), Instant.parse("2026-02-10T12:19:00Z"),
                new BigDecimal("2034.51"), new BigDecimal("2034.90"), new BigDecimal("2034.10"),
                new BigDecimal("2034.76"), new BigDecimal("182"), RECEIVED);

        assertEquals("{\"type\":\"candle\",\"provider\":\"tickatlas\",\"symbol\":\"XAUUSD\",\"interval\":\"PT1M\","
                + "\"openTime\":\"2026-02-10T12:19:00Z\",\"open\":2034.51,\"high\":2034.90,\"low\":2034.10,"
                + "\"close\":2034.76,\"volume\":182,\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n", lines(candle));
    }

    /** The credit events of the runtime, with the detail keys it writes (all strings, sorted). */
    @Test
    void creditStatusEvents() {
        Map<String, String> forecast = new LinkedHashMap<>();
        forecast.put("used", "1200");
        forecast.put("remaining", "300");
        forecast.put("perHour", "90000.0");
        forecast.put("exhaustsAt", "2026-02-10T12:19:34.300Z");
        forecast.put("nextReset", "2026-02-11T00:00:00Z");
        StatusEvent credits = new StatusEvent("tickatlas", "credits-forecast", "tickatlas will run out of credits",
                forecast, RECEIVED);
        StatusEvent trim = new StatusEvent("tickatlas", "credits-trim", "tickatlas trimmed 1 subscription",
                Map.of("dropped", "[tickatlas/quotes/GBPUSD]"), RECEIVED);

        assertEquals("{\"type\":\"status\",\"provider\":\"tickatlas\",\"kind\":\"credits-forecast\","
                + "\"message\":\"tickatlas will run out of credits\",\"details\":{"
                + "\"exhaustsAt\":\"2026-02-10T12:19:34.300Z\",\"nextReset\":\"2026-02-11T00:00:00Z\","
                + "\"perHour\":\"90000.0\",\"remaining\":\"300\",\"used\":\"1200\"},"
                + "\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n"
                + "{\"type\":\"status\",\"provider\":\"tickatlas\",\"kind\":\"credits-trim\","
                + "\"message\":\"tickatlas trimmed 1 subscription\",\"details\":{"
                + "\"dropped\":\"[tickatlas/quotes/GBPUSD]\"},\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n",
                lines(credits, trim));
    }

    @Test
    void quoteFastPathWritesWhatTheJdkWrites() {
        java.util.Random random = new java.util.Random(5);
        JsonlEncoder encoder = new JsonlEncoder();
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextInt(8) == 0 ? random.nextLong() % 400_000_000_000L
                    : 1_700_000_000L + random.nextInt(5);
            int nano = new int[] {0, 500_000_000, 123_000_000, 123_456_000, 123_456_789, random.nextInt(1_000_000_000)}
                    [random.nextInt(6)];
            Instant time = Instant.ofEpochSecond(second, nano);
            Instant received = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(3), random.nextInt(1_000_000_000));
            BigDecimal price = random.nextInt(10) == 0 ? new BigDecimal(java.math.BigInteger.valueOf(random.nextLong())
                    .multiply(java.math.BigInteger.TEN.pow(random.nextInt(5))), random.nextInt(70) - 5)
                    : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, random.nextInt(12));
            encoder.write(Quote.builder("p", "S", received).price(price).time(time).build());
            String line = encoder.text();
            assertEquals("{\"type\":\"quote\",\"provider\":\"p\",\"symbol\":\"S\",\"price\":" + price.toPlainString()
                    + ",\"time\":\"" + time + "\",\"receivedAt\":\"" + received + "\"}\n", line);
            try {
                encoder.writeTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void stringsAreEscaped() {
        Alert alert = new Alert("p", "S", "k", "line one\n\"quoted\" \u00e9", null, RECEIVED);

        assertEquals("{\"type\":\"alert\",\"provider\":\"p\",\"symbol\":\"S\",\"kind\":\"k\","
                + "\"message\":\"line one\\n\\\"quoted\\\" \u00e9\",\"receivedAt\":\"2026-02-10T12:19:22.300Z\"}\n",
                lines(alert));
    }

    @Test
    void closedStdoutAsksTheRunToStop() {
        CompletableFuture<String> stop = new CompletableFuture<>();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        JsonlOutput output = new JsonlOutput(new PrintStream(broken, false, StandardCharsets.UTF_8), stop);

        output.onEvent(Quote.builder("p", "S", RECEIVED).build());
        output.onCaughtUp();

        assertEquals("stdout was closed", stop.getNow("still running"));
        output.close();
    }

    private static String lines(MarketEvent... events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<String> stop = new CompletableFuture<>();
        JsonlOutput output = new JsonlOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8), stop);
        for (MarketEvent event : events) {
            output.onEvent(event);
        }
        output.close();
        assertFalse(stop.isDone());
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package io.marketfeed.it.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Trade;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each provider's golden recording (a short session with its simulator, made by {@code run --record} with the
 * {@code golden.conf} beside it, which says how), replayed at full speed through the provider's decoder, gives
 * exactly the events in {@code expected.jsonl} beside it: every value, in order, with the recorded receive times.
 * A few values are also checked by type, for the exact decimals.
 */
class GoldenReplayTest {

    @Test
    void sahmk() {
        Replayed replayed = golden("sahmk", Map.of("api-key", SahmkSimulation.DEMO_KEY));

        assertEquals(Map.of("quote", 15L), replayed.summary().events());
        assertEquals(18, replayed.summary().frames());
        Quote first = (Quote) replayed.events().get(0);
        assertEquals("1120", first.symbol());
        assertEquals(new BigDecimal("95.80"), first.price());
        assertEquals(new BigDecimal("0.21"), first.changePercent());
        assertEquals(Instant.parse("2026-12-04T14:29:31.051357473Z"), first.receivedAt());
    }

    @Test
    void tickatlas() {
        Replayed replayed = golden("tickatlas", Map.of("api-key", TickAtlasSimulation.DEMO_KEY));

        assertEquals(Map.of("quote", 6L, "candle", 6L), replayed.summary().events());
        Quote quote = (Quote) replayed.events().get(0);
        assertEquals("EURUSD", quote.symbol());
        assertEquals(new BigDecimal("1.08424"), quote.bid());
        assertEquals(new BigDecimal("1.08436"), quote.ask());
        assertEquals(new Candle("tickatlas", "EURUSD", Duration.ofMinutes(1), Instant.parse("2026-12-04T14:29:00Z"),
                new BigDecimal("1.08423"), new BigDecimal("1.08427"), new BigDecimal("1.08421"),
                new BigDecimal("1.08424"), new BigDecimal("124"), Instant.parse("2026-12-04T14:29:38.925463389Z")),
                replayed.events().get(1));
    }

    @Test
    void alltick() {
        Replayed replayed = golden("alltick", Map.of("token", AlltickSimulation.DEMO_TOKEN));

        assertEquals(Map.of("trade", 7L, "book", 34L), replayed.summary().events());
        Trade trade = first(replayed.events(), Trade.class);
        assertEquals("EURUSD", trade.symbol());
        assertEquals(new BigDecimal("1.08429"), trade.price());
        assertEquals(new BigDecimal("3787"), trade.size());
        assertEquals("1605509068000001", trade.tradeId());
        BookSnapshot book = first(replayed.events(), BookSnapshot.class);
        assertEquals(List.of(new BookLevel(new BigDecimal("1.08432"), new BigDecimal("0"), null)), book.bids());
        assertEquals(Instant.parse("2026-12-04T14:30:12.622532838Z"), book.receivedAt());
    }

    @Test
    void screener() {
        Replayed replayed = golden("screener", Map.of());

        assertEquals(Map.of("quote", 8L, "book", 10L, "market", 1L), replayed.summary().events());
        BookSnapshot book = first(replayed.events(), BookSnapshot.class);
        assertEquals("000660", book.symbol());
        assertEquals(new BookLevel(new BigDecimal("145000.00"), new BigDecimal("49700"), 32), book.bids().get(0));
        MarketStatus status = first(replayed.events(), MarketStatus.class);
        assertEquals("KOSPI", status.market());
        assertEquals("open", status.status());
    }

    /**
     * Replays the provider's golden folder with its {@code golden.conf} settings (pointed nowhere: nothing connects),
     * and checks every event against {@code expected.jsonl} and that nothing went wrong.
     */
    private static Replayed golden(String id, Map<String, Object> credential) {
        Path folder = folder(id);
        Map<String, Object> settings = settings(folder.resolve("golden.conf"), id);
        settings.put("endpoint", "ws://127.0.0.1:1");
        settings.putAll(credential);

        Replayed replayed = Replayed.of(id, settings, folder);

        assertEquals(lines(folder.resolve("expected.jsonl")), Replayed.jsonl(replayed.events()));
        assertEquals(Map.of(), replayed.summary().problems(), replayed.notices().toString());
        assertEquals(List.of(), replayed.notices());
        return replayed;
    }

    private static Path folder(String id) {
        try {
            return Path.of(GoldenReplayTest.class.getResource("/io/marketfeed/it/replay/" + id).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's block of the configuration the recording was made with, as relative keys and plain values. */
    private static Map<String, Object> settings(Path file, String id) {
        Config block = ConfigFactory.parseFile(file.toFile()).resolve().getConfig("marketfeed.providers." + id);
        Map<String, Object> settings = new HashMap<>();
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            settings.put(entry.getKey(), entry.getValue().unwrapped());
        }
        return settings;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T extends MarketEvent> T first(List<MarketEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}

package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.ReferenceConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Codec and session behaviour on frames shaped as the server code sends them (protocols.md §2) and as its docs show. */
class TestScreenerSession {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(ScreenerProvider.class, "screener");

    private static final Instant AT = Instant.parse("2025-11-10T12:00:01Z");

    private final ScreenerProtocol protocol = protocol(Map.of("symbols", List.of("005930", "000660")));
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    static ScreenerProtocol protocol(Map<String, Object> overrides) {
        Map<String, Object> values = REFERENCE.values("");
        values.putAll(overrides);
        return new ScreenerProtocol(ScreenerSettings.from(ProviderSettings.of("screener", values)));
    }

    private ScreenerSession session() {
        return (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1", protocol.endpoints().get(0)));
    }

    private static void decode(ScreenerSession session, String text, RecordingDecodeOutput out) {
        session.decode(InboundFrame.text(text, AT), out);
    }

    @Test
    void priceUpdateAsTheCodeSendsItIsAnExactQuoteWithANaiveUtcTime() {
        ScreenerSession session = session();
        session.subscribe(Topics.QUOTES, List.of("005930"));
        decode(session, "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":41,"
                + "\"stock_code\":\"005930\",\"price\":73000.50,\"change\":1000,\"change_percent\":1.39,"
                + "\"volume\":12345678}", out);
        Quote quote = out.events(Quote.class).get(0);
        assertEquals("005930", quote.symbol());
        assertEquals(new BigDecimal("73000.50"), quote.price());
        assertEquals(new BigDecimal("1.39"), quote.changePercent());
        assertEquals(new BigDecimal("12345678"), quote.volume());
        assertEquals(Instant.parse("2025-11-10T12:00:00.123456Z"), quote.time());
    }

    @Test
    void docsShapedPriceUpdateWithCodeAndZuluTimeParses() {
        ScreenerSession session = session();
        session.subscribe(Topics.QUOTES, List.of("005930"));
        decode(session, "{\"type\":\"price_update\",\"code\":\"005930\",\"name\":\"Samsung Electronics\","
                + "\"price\":73000,\"change\":1000,\"change_percent\":1.39,\"volume\":12345678,"
                + "\"timestamp\":\"2025-11-11T09:30:00Z\",\"sequence\":12345}", out);
        Quote quote = out.events(Quote.class).get(0);
        assertEquals(new BigDecimal("73000"), quote.price());
        assertEquals(Instant.parse("2025-11-11T09:30:00Z"), quote.time());
    }

    @Test
    void strippedMarketDataIsIgnoredWithOneWarning() {
        ScreenerSession session = session();
        String stripped = "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.1\",\"sequence\":9}";
        decode(session, stripped, out);
        decode(session, stripped, out);
        assertEquals(1, out.calls(RecordingDecodeOutput.Problem.class).size());
        assertTrue(out.events(Quote.class).isEmpty());
    }

    @Test
    void orderbookLevelsKeepOrdersAndTheDocsShapeWithoutOrdersWorks() {
        ScreenerSession session = session();
        session.subscribe(Topics.BOOK, List.of("005930"));
        decode(session, "{\"type\":\"orderbook_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":7,"
                + "\"stock_code\":\"005930\",\"bids\":[{\"price\":72900,\"quantity\":1000,\"orders\":3}],"
                + "\"asks\":[{\"price\":73000,\"quantity\":800,\"orders\":2}]}", out);
        decode(session, "{\"type\":\"orderbook_update\",\"code\":\"005930\",\"bids\":[{\"price\":72900,"
                + "\"quantity\":1000},{\"price\":72800,\"quantity\":1500}],\"asks\":[{\"price\":73000,\"quantity\":800}],"
                + "\"timestamp\":\"2025-11-11T09:30:00Z\",\"sequence\":12346}", out);
        List<BookSnapshot> books = out.events(BookSnapshot.class);
        assertEquals(2, books.size());
        assertEquals(3, books.get(0).bids().get(0).orders());
        assertNull(books.get(1).bids().get(0).orders());
        assertEquals(2, books.get(1).bids().size());
        assertTrue(out.events(Quote.class).isEmpty(), "a book-only code gets no quotes");
    }

    @Test
    void marketStatusAlertAndNotification() {
        ScreenerSession session = session();
        decode(session, "{\"type\":\"market_status\",\"timestamp\":\"2025-11-10T00:00:00\",\"sequence\":1,"
                + "\"market\":\"KOSPI\",\"status\":\"pre_market\"}", out);
        decode(session, "{\"type\":\"alert\",\"code\":\"005930\",\"alert_type\":\"price_above\",\"threshold\":75000,"
                + "\"current_price\":75100,\"message\":\"Samsung Electronics exceeded 75,000 KRW\","
                + "\"timestamp\":\"2025-11-11T10:00:00Z\",\"sequence\":12348}", out);
        String notification = "{\"type\":\"notification\",\"timestamp\":\"2025-11-10T12:00:00.1\",\"sequence\":47,"
                + "\"notification_id\":12,\"title\":\"Alert\",\"message\":\"Price above\",\"notification_type\":"
                + "\"ALERT\",\"priority\":\"HIGH\"}";
        decode(session, notification, out);
        // The same notification on another connection of the user is delivered once.
        decode(session(), notification, out);
        assertEquals("pre_market", out.events(MarketStatus.class).get(0).status());
        List<Alert> alerts = out.events(Alert.class);
        assertEquals(2, alerts.size());
        assertEquals("alert:price_above", alerts.get(0).kind());
        assertEquals("005930", alerts.get(0).symbol());
        assertEquals("notification:alert", alerts.get(1).kind());
        assertEquals("[HIGH] Alert: Price above", alerts.get(1).message());
    }

    @Test
    void batchIsProcessedInOrderWithAcksAndPongsWithoutTheirFields() {
        ScreenerSession session = session();
        session.onOpen(out);
        assertEquals("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"005930\",\"000660\"]}",
                session.subscribe(Topics.BOOK, List.of("005930", "000660")).text());
        // The second topic of the same codes is not subscribed again: a ping stands in.
        assertEquals("{\"type\":\"ping\"}", session.subscribe(Topics.QUOTES, List.of("005930", "000660")).text());
        out.clear();
        decode(session, "{\"type\":\"batch\",\"timestamp\":\"2025-11-10T12:00:00.03\",\"sequence\":48,\"messages\":["
                + "{\"type\":\"subscribed\",\"timestamp\":\"2025-11-10T12:00:00.01\",\"sequence\":41},"
                + "{\"type\":\"pong\",\"timestamp\":\"2025-11-10T12:00:00.02\",\"sequence\":43},"
                + "{\"type\":\"price_update\",\"timestamp\":\"t\",\"sequence\":44,\"stock_code\":\"000660\","
                + "\"price\":145000}],\"batch_size\":3}", out);
        assertEquals(new RecordingDecodeOutput.Acknowledged(Topics.BOOK, List.of("005930", "000660")),
                out.calls().get(0));
        assertTrue(out.calls().get(1) instanceof RecordingDecodeOutput.Heartbeat);
        assertEquals(new RecordingDecodeOutput.Acknowledged(Topics.QUOTES, List.of("005930", "000660")),
                out.calls().get(2));
        assertEquals("000660", out.events(Quote.class).get(0).symbol());
    }

    @Test
    void theServersHeartbeatPongDoesNotAnswerAPing() {
        ScreenerSession session = session();
        session.subscribe(Topics.BOOK, List.of("005930"));
        session.subscribe(Topics.QUOTES, List.of("005930"));
        decode(session, "{\"type\":\"pong\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":null}", out);
        assertEquals(List.of(new RecordingDecodeOutput.Heartbeat()), out.calls());
    }

    @Test
    void errorsAreClassified() {
        ScreenerSession session = session();
        session.subscribe(Topics.QUOTES, List.of("005930", "000660"));
        decode(session, "{\"type\":\"error\",\"timestamp\":\"x\",\"sequence\":1,\"code\":\"TOO_MANY_TARGETS\","
                + "\"message\":\"Too many targets (max: 1)\",\"details\":null}", out);
        assertEquals(1, out.calls(RecordingDecodeOutput.Limits.class).get(0).update().maxSymbolsPerFrame().getAsInt());
        out.clear();
        // After the refusal the codes are not on the wire: they are sent again.
        assertTrue(session.subscribe(Topics.QUOTES, List.of("005930")).text().contains("\"targets\":[\"005930\"]"));
        decode(session, "{\"type\":\"error\",\"sequence\":2,\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Rate limit "
                + "exceeded (100 messages/second)\",\"details\":{\"rate_limit\":100}}", out);
        assertTrue(out.calls(RecordingDecodeOutput.Lost.class).get(0).reason().contains("100 messages/s"));
        out.clear();
        decode(session, "{\"type\":\"error\",\"sequence\":3,\"code\":\"ERROR\",\"message\":\"Too many targets\","
                + "\"details\":null}", out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind(), "a generic ERROR is never classified");
        out.clear();
        decode(session, "{\"type\":\"error\",\"sequence\":4,\"code\":\"INVALID_TOKEN_TYPE\",\"message\":\"x\"}", out);
        assertEquals(Disposition.Kind.FATAL, out.singleProblem().kind());
        out.clear();
        decode(session, "not json", out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void restorationWaitsForReconnectedAndReportsTheRestoredSubscriptions() {
        ScreenerSession first = session();
        decode(first, "{\"type\":\"connected\",\"session_id\":\"old-id\"}", out);
        first.subscribe(Topics.BOOK, List.of("005930"));
        first.subscribe(Topics.QUOTES, List.of("005930"));
        first.subscribe(ScreenerCodec.TOPIC_MARKET, List.of("KOSPI"));
        ScreenerSession second = (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1",
                protocol.endpoints().get(0), Optional.of(first)));
        assertEquals("old-id", second.queryParameters().get("session_id").reveal());
        out.clear();
        second.onOpen(out);
        assertTrue(out.calls().isEmpty(), "not ready before reconnected");
        decode(second, "{\"type\":\"reconnected\",\"timestamp\":\"x\",\"sequence\":45,\"session_id\":\"old-id\","
                + "\"restored_subscriptions\":{\"stock\":[\"005930\"],\"market\":[\"KOSPI\"]},"
                + "\"missed_messages_count\":5}", out);
        assertTrue(out.calls().contains(new RecordingDecodeOutput.Restored(Topics.QUOTES, List.of("005930"))));
        assertTrue(out.calls().contains(new RecordingDecodeOutput.Restored(Topics.BOOK, List.of("005930"))));
        assertTrue(out.calls().contains(new RecordingDecodeOutput.Restored("market", List.of("KOSPI"))));
        assertTrue(out.calls().get(out.calls().size() - 1) instanceof RecordingDecodeOutput.Ready);
        // A restored code is on the wire: a later request for it is a ping.
        assertEquals("{\"type\":\"ping\"}", second.subscribe(Topics.QUOTES, List.of("005930")).text());
    }

    @Test
    void aFailedRestorationContinuesAsAFreshConnection() {
        ScreenerSession first = session();
        decode(first, "{\"type\":\"connected\",\"session_id\":\"gone\"}", out);
        ScreenerSession second = (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1",
                protocol.endpoints().get(0), Optional.of(first)));
        out.clear();
        second.onOpen(out);
        decode(second, "{\"type\":\"error\",\"sequence\":1,\"code\":\"SESSION_RESTORATION_FAILED\","
                + "\"message\":\"Failed\"}", out);
        assertTrue(out.calls().get(out.calls().size() - 1) instanceof RecordingDecodeOutput.Ready);
    }

    @Test
    void tokenRefreshIsSentWhenDueAndTheNewTokenIsUsedForTheNextConnect() {
        String access = TestTokens.jwt(Instant.now().plusSeconds(30));
        Map<String, Object> values = new HashMap<>(Map.of("token", access, "refresh-token", TestTokens.jwt(
                Instant.now().plusSeconds(3600))));
        ScreenerProtocol refreshing = protocol(values);
        ScreenerSession session = (ScreenerSession) refreshing.openSession(new SessionContext("s",
                refreshing.endpoints().get(0)));
        assertEquals(access, session.queryParameters().get("token").reveal());
        // 30 s left is within the default 120 s: refresh now, once.
        assertTrue(session.heartbeat().orElseThrow().text().contains("\"type\":\"refresh_token\""));
        assertTrue(session.heartbeat().isEmpty());
        String fresh = TestTokens.jwt(Instant.now().plusSeconds(900));
        decode(session, "{\"type\":\"token_refreshed\",\"sequence\":46,\"access_token\":\"" + fresh
                + "\",\"expires_in\":900}", out);
        ScreenerSession next = (ScreenerSession) refreshing.openSession(new SessionContext("s",
                refreshing.endpoints().get(0), Optional.of(session)));
        assertEquals(fresh, next.queryParameters().get("token").reveal());
    }
}

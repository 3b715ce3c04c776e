package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TestTickAtlasSettings.CANARY;
import static io.marketfeed.provider.tickatlas.TestTickAtlasSettings.hostedWith;
import static io.marketfeed.provider.tickatlas.TestTickAtlasSettings.withOverrides;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The declared facts: endpoint, first-message auth, subscriptions, limits, heartbeat, credits, classification. */
class TestTickAtlasProtocol {

    @Test
    void oneEndpointWithFirstMessageAuthAndRequiredReadiness() {
        TickAtlasProtocol protocol = protocol("auth-timeout = 4s");
        assertEquals(1, protocol.endpoints().size());
        Endpoint quotes = protocol.endpoints().get(0);
        assertAll(
                () -> assertEquals("quotes", quotes.id()),
                () -> assertEquals(URI.create("wss://tickatlas.com/ws/v1/quotes"), quotes.uri()),
                () -> assertEquals(AuthStyle.Kind.FIRST_MESSAGE, quotes.auth().kind()),
                () -> assertEquals(Duration.ofSeconds(4), quotes.auth().deadline()),
                () -> assertTrue(quotes.auth().secret().isEmpty(), "the key is in the auth message, not the URL"),
                () -> assertEquals(Readiness.awaitMessage(Duration.ofSeconds(4), true), quotes.readiness(),
                        "never subscribe before authenticated; a missing answer replaces the connection"),
                () -> assertEquals(SubscribeStyle.additive(Duration.ofSeconds(10)), quotes.subscribeStyle()),
                () -> assertEquals(Set.of(Topics.QUOTES, Topics.CANDLES), quotes.topics()),
                () -> assertEquals(Map.of(), quotes.headers()));
    }

    @Test
    void theDefaultDeadlineIsTheServersTenSeconds() {
        Endpoint quotes = protocol("").endpoints().get(0);
        assertEquals(Duration.ofSeconds(10), quotes.auth().deadline());
        assertEquals(Duration.ofSeconds(10), quotes.readiness().deadline());
    }

    @Test
    void theAuthMessageIsSensitiveAndTheKeyNeverInAUriOrDescription() {
        TickAtlasProtocol protocol = protocol("");
        Endpoint quotes = protocol.endpoints().get(0);
        assertFalse(quotes.uri().toString().contains(CANARY));
        assertFalse(quotes.toString().contains(CANARY));
        ProtocolSession session = protocol.openSession(new SessionContext("tickatlas/quotes#1", quotes));
        OutboundFrame auth = session.authMessage().orElseThrow();
        assertTrue(auth.sensitive());
        assertEquals("{\"action\":\"auth\",\"key\":\"" + CANARY + "\"}", auth.text());
        assertFalse(auth.toString().contains(CANARY), auth.toString());
    }

    @Test
    void configuredSubscriptionsAreQuotesThenCandlesOfEverySymbol() {
        assertEquals(List.of(new Subscription(Topics.QUOTES, "EURUSD"), new Subscription(Topics.QUOTES, "XAUUSD"),
                new Subscription(Topics.CANDLES, "EURUSD"), new Subscription(Topics.CANDLES, "XAUUSD")),
                protocol("symbols = [EURUSD, XAUUSD]").configuredSubscriptions());
        assertEquals(List.of(new Subscription(Topics.QUOTES, "EURUSD")),
                protocol("symbols = [EURUSD], candles = false").configuredSubscriptions());
    }

    @Test
    void bothTopicsAreRoutedToTheOneEndpoint() {
        TickAtlasProtocol protocol = protocol("");
        assertEquals("quotes", protocol.endpointFor(new Subscription(Topics.CANDLES, "EURUSD")).id());
        assertEquals("quotes", protocol.endpointFor(new Subscription(Topics.QUOTES, "EURUSD")).id());
        assertThrows(IllegalArgumentException.class,
                () -> protocol.endpointFor(new Subscription(Topics.BOOK, "EURUSD")));
    }

    @Test
    void theDeclaredLimitsAndHeartbeatAreThePlansAndTheServersNotTheConfigured() {
        TickAtlasProtocol protocol = protocol("plan = pro, limits.max-connections = 1, heartbeat.timeout = 90s");
        Endpoint quotes = protocol.endpoints().get(0);
        assertEquals(TickAtlasPlan.PRO.limits(), protocol.limits(quotes));
        assertEquals(TickAtlasProtocol.SERVER_HEARTBEAT, protocol.heartbeat(quotes));
        assertEquals(CreditPolicy.warn(), protocol.creditPolicy());
    }

    @Test
    void limitsHeartbeatAndCredits() {
        FeedProtocol protocol = hostedWith("plan = pro, limits.max-connections = 1, heartbeat.timeout = 90s, "
                + "credits.daily-quota = 115200");
        Endpoint quotes = protocol.endpoints().get(0);
        assertEquals(20, protocol.limits(quotes).maxSymbolsPerConnection());
        assertEquals(1, protocol.limits(quotes).maxConnections());
        assertEquals(new HeartbeatSpec(HeartbeatSpec.Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(90),
                HeartbeatSpec.Liveness.ANY_FRAME), protocol.heartbeat(quotes));
        CreditSpec credits = protocol.credits();
        assertEquals(4, credits.costPerPush());
        assertEquals(0, credits.costPerSubscription());
        assertEquals(OptionalLong.of(115_200), credits.quota());
        assertEquals(LocalTime.MIDNIGHT, credits.resetTimeUtc());
        assertEquals(Disposition.Kind.PAUSE, credits.onExhaustion().kind());
        assertTrue(credits.isMetered());
        assertEquals(CreditPolicy.warn(), protocol.creditPolicy());
    }

    @Test
    void byDefaultTheQuotaIsUnknownUntilTheServerSaysAndTwoConnectionsAreAllowed() {
        TickAtlasProtocol protocol = protocol("");
        assertEquals(OptionalLong.empty(), protocol.credits().quota());
        assertEquals(5, protocol.credits().costPerPush());
        assertEquals(2, protocol.limits(protocol.endpoints().get(0)).maxConnections());
    }

    @Test
    void aTrimPolicyIsDeclared() {
        assertEquals(new CreditPolicy(CreditPolicy.Mode.TRIM, List.of("EURUSD", "XAUUSD")),
                hostedWith("credits { on-forecast-exhaustion = trim, priority = [EURUSD, XAUUSD] }").creditPolicy());
    }

    @Test
    void clientPingsOnlyWhenAskedFor() {
        FeedProtocol protocol = hostedWith("heartbeat { client-ping = true, interval = 20s }");
        HeartbeatSpec heartbeat = protocol.heartbeat(protocol.endpoints().get(0));
        assertEquals(HeartbeatSpec.Pinger.CLIENT, heartbeat.pinger());
        assertEquals(Duration.ofSeconds(20), heartbeat.interval());
        ProtocolSession session = protocol.openSession(new SessionContext("tickatlas/quotes#1",
                protocol.endpoints().get(0)));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"ping\"}")), session.heartbeat());
    }

    @Test
    void symbolProblems() {
        TickAtlasProtocol protocol = protocol("");
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.QUOTES, "EURUSD")));
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.CANDLES, "BTC/USD")));
        assertTrue(protocol.symbolProblem(new Subscription(Topics.QUOTES, "EUR,USD")).isPresent());
        assertTrue(protocol.symbolProblem(new Subscription(Topics.QUOTES, "\"")).isPresent());
        assertTrue(protocol.symbolProblem(new Subscription(Topics.TRADES, "EURUSD")).orElseThrow()
                .contains("quotes and candles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_key", "Invalid key", "forbidden"})
    void closesNamingAnAuthFailureAreFatalAndSayWhatToFix(String reason) {
        Disposition disposition = protocol("").classifyClose(1008, reason);
        assertEquals(Disposition.Kind.FATAL, disposition.kind(), disposition.toString());
        assertTrue(disposition.message().contains(TickAtlasConfigKeys.API_KEY_PATH), disposition.message());
        assertTrue(disposition.message().contains("TICKATLAS_API_KEY"), disposition.message());
    }

    @Test
    void closesNamingOtherCodesFollowThemAndTheRestAreRetried() {
        TickAtlasProtocol protocol = protocol("");
        assertEquals(Disposition.retry(TickAtlasDispositions.forCode("auth_timeout", "close 1008").orElseThrow()
                .message()), protocol.classifyClose(1008, "auth_timeout"));
        Disposition limit = protocol.classifyClose(1008, "connection_limit");
        assertEquals(Disposition.Kind.RETRY, limit.kind());
        assertEquals(Duration.ofMinutes(1), limit.minDelay());
        Disposition quota = protocol.classifyClose(1008, "quota_exceeded");
        assertEquals(Disposition.Kind.RETRY, quota.kind(), "a closed socket cannot pause");
        assertEquals(Duration.ofMinutes(1), quota.minDelay());
        for (int code : new int[] {1000, 1001, 1006, 1011, 1012, 1008, 4000}) {
            Disposition other = protocol.classifyClose(code, " going away ");
            assertEquals(Disposition.Kind.RETRY, other.kind());
            assertEquals(Duration.ZERO, other.minDelay());
            assertEquals("TickAtlas closed the connection (close " + code + ": going away)", other.message(),
                    "the reason as sent (the runtime masks credentials in it)");
        }
        assertEquals("TickAtlas closed the connection (close 1006)", protocol.classifyClose(1006, null).message());
    }

    @Test
    void handshakeRefusalsAreTheFrontEndNotTheKey() {
        TickAtlasProtocol protocol = protocol("");
        for (int status : new int[] {401, 403, 429}) {
            Disposition disposition = protocol.classifyHandshake(status);
            assertEquals(Disposition.Kind.RETRY, disposition.kind(), "the key is not checked at the handshake");
            assertEquals(Duration.ofMinutes(1), disposition.minDelay());
        }
        assertEquals(Disposition.retry("handshake refused with HTTP 502"), protocol.classifyHandshake(502));
    }

    static TickAtlasProtocol protocol(String hocon) {
        return new TickAtlasProtocol(withOverrides(hocon));
    }
}

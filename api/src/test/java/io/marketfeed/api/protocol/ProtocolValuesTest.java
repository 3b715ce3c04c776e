package io.marketfeed.api.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.model.MarketEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI's small value types: what a provider declares, and what the runtime and the logs read back from it. */
class ProtocolValuesTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void authStylesSayHowTheCredentialTravelsWithoutShowingIt() {
        Secret key = Secret.of("shmk_test_FAKE_0001");
        AuthStyle query = AuthStyle.queryParameter("api_key", key);
        assertEquals(AuthStyle.Kind.QUERY_PARAMETER, query.kind());
        assertEquals("api_key", query.name());
        assertEquals(key, query.secret().orElseThrow());
        assertEquals(Duration.ZERO, query.deadline());
        assertEquals("query parameter 'api_key'", query.toString());
        AuthStyle header = AuthStyle.header("X-Api-Key", key);
        assertEquals(AuthStyle.Kind.HEADER, header.kind());
        assertEquals("header 'X-Api-Key'", header.toString());
        AuthStyle first = AuthStyle.firstMessage(Duration.ofSeconds(5));
        assertEquals(AuthStyle.Kind.FIRST_MESSAGE, first.kind());
        assertEquals(Duration.ofSeconds(5), first.deadline());
        assertTrue(first.secret().isEmpty());
        assertEquals("first message (deadline PT5S)", first.toString());
        assertEquals(AuthStyle.Kind.NONE, AuthStyle.none().kind());
        assertEquals("", AuthStyle.none().name());
        assertEquals("none", AuthStyle.none().toString());
    }

    @Test
    void anInboundFrameIsAWindowOnItsArray() {
        byte[] bytes = "xx{\"a\":1}yy".getBytes();
        InboundFrame frame = new InboundFrame(bytes, 2, 7, false, AT);
        assertEquals(2, frame.offset());
        assertEquals(7, frame.length());
        assertFalse(frame.isText());
        assertEquals(AT, frame.receivedAt());
        assertEquals("{\"a\":1}", frame.asString());
        assertEquals("binary 7B {\"a\":1}", frame.toString());
        InboundFrame text = InboundFrame.text("{}", AT);
        assertTrue(text.isText());
        assertEquals("text 2B {}", text.toString());
        assertEquals(bytes.length, new InboundFrame(bytes, 0, bytes.length, true, AT).length(), "the whole array");
        assertThrows(IndexOutOfBoundsException.class, () -> new InboundFrame(bytes, 5, bytes.length - 4, true, AT));
        assertThrows(IndexOutOfBoundsException.class, () -> new InboundFrame(bytes, -1, 2, true, AT));
        assertThrows(IndexOutOfBoundsException.class, () -> new InboundFrame(bytes, 0, -1, true, AT));
    }

    @Test
    void aLongFrameIsShortenedInLogs() {
        String body = "a".repeat(200);
        assertEquals("text 200B " + body, InboundFrame.text(body, AT).toString());
        assertEquals("text 201B " + body + "…", InboundFrame.text(body + "b", AT).toString());
    }

    @Test
    void creditsAreMeteredByAnyCostOrAQuota() {
        Disposition warn = Disposition.warn("out of credits");
        assertFalse(CreditSpec.none().isMetered());
        assertTrue(new CreditSpec(1, 0, OptionalLong.empty(), LocalTime.MIDNIGHT, warn).isMetered());
        assertTrue(new CreditSpec(0, 1, OptionalLong.empty(), LocalTime.MIDNIGHT, warn).isMetered());
        assertTrue(new CreditSpec(0, 0, OptionalLong.of(0), LocalTime.MIDNIGHT, warn).isMetered());
        assertFalse(new CreditSpec(0, 0, OptionalLong.empty(), LocalTime.NOON, warn).isMetered());
        assertEquals(CreditPolicy.Mode.WARN, CreditPolicy.warn().mode());
        assertEquals(List.of(), CreditPolicy.warn().priority());
    }

    @Test
    void dispositionsCarryTheirKindMessageAndDelay() {
        assertEquals(new Disposition(Disposition.Kind.FATAL, "fix the key", Duration.ZERO),
                Disposition.fatal("fix the key"));
        assertEquals(new Disposition(Disposition.Kind.RETRY, "m", Duration.ZERO), Disposition.retry("m"));
        assertEquals(new Disposition(Disposition.Kind.RETRY, "m", Duration.ofSeconds(9)),
                Disposition.retryAfter("m", Duration.ofSeconds(9)));
        assertEquals(new Disposition(Disposition.Kind.PAUSE, "m", Duration.ZERO), Disposition.pause("m"));
        assertEquals(new Disposition(Disposition.Kind.RESUME, "m", Duration.ZERO), Disposition.resume("m"));
        assertEquals(new Disposition(Disposition.Kind.WARN, "m", Duration.ZERO), Disposition.warn("m"));
    }

    @Test
    void aProtocolWithoutOpinionsGetsTheDefaults() {
        FeedProtocol protocol = new MinimalProtocol();
        assertEquals(CreditSpec.none(), protocol.credits());
        assertEquals(CreditPolicy.warn(), protocol.creditPolicy());
        assertTrue(protocol.symbolProblem(new Subscription("quotes", "S")).isEmpty());
        assertEquals(Disposition.Kind.FATAL, protocol.classifyHandshake(401).kind());
        assertTrue(protocol.classifyHandshake(401).message().contains("check the key"));
        assertEquals(Disposition.retryAfter("the server is rate limiting connections (HTTP 429)",
                Duration.ofMinutes(1)), protocol.classifyHandshake(429));
        assertEquals(Disposition.retry("handshake refused with HTTP 503"), protocol.classifyHandshake(503));
    }

    @Test
    void endpointsShowWhatTheyOfferButNotTheCredential() {
        Endpoint plain = new Endpoint("stocks", URI.create("wss://h.example/ws"),
                AuthStyle.header("Authorization", Secret.of("tk_test_FAKE_1")), Readiness.onOpen(),
                SubscribeStyle.additive(Duration.ofSeconds(3)), Set.of("quotes"), Map.of());
        assertFalse(plain.compression());
        Endpoint deflate = plain.withCompression(true);
        assertTrue(deflate.compression());
        assertEquals(plain.uri(), deflate.uri());
        assertEquals("Endpoint[stocks wss://h.example/ws, auth header 'Authorization', topics [quotes]]",
                plain.toString());
        assertEquals("Endpoint[stocks wss://h.example/ws, auth header 'Authorization', topics [quotes], "
                + "permessage-deflate]", deflate.toString());
        assertFalse(plain.withCompression(false).compression());
    }

    @Test
    void subscriptionsSortByTopicThenSymbol() {
        List<Subscription> list = new ArrayList<>(List.of(new Subscription("trades", "A"),
                new Subscription("quotes", "B"), new Subscription("quotes", "A")));
        list.sort(null);
        assertEquals(List.of(new Subscription("quotes", "A"), new Subscription("quotes", "B"),
                new Subscription("trades", "A")), list);
        assertEquals("quotes/2222", new Subscription("quotes", "2222").toString());
    }

    @Test
    void heartbeatsNeedAPositiveTimeoutAndAClientPingInterval() {
        HeartbeatSpec server = new HeartbeatSpec(HeartbeatSpec.Pinger.SERVER, Duration.ZERO, Duration.ofSeconds(30),
                HeartbeatSpec.Liveness.ANY_FRAME);
        assertEquals(Duration.ofSeconds(10), server.withInterval(Duration.ofSeconds(10)).interval());
        assertEquals(Duration.ofSeconds(45), server.withStaleTimeout(Duration.ofSeconds(45)).staleTimeout());
        assertThrows(IllegalArgumentException.class, () -> server.withStaleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> server.withStaleTimeout(Duration.ofSeconds(-1)));
        HeartbeatSpec client = new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(5),
                Duration.ofSeconds(30), HeartbeatSpec.Liveness.HEARTBEAT_ONLY);
        assertThrows(IllegalArgumentException.class, () -> client.withInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> client.withInterval(Duration.ofSeconds(-5)));
        assertEquals(Duration.ZERO, new HeartbeatSpec(HeartbeatSpec.Pinger.NONE, Duration.ZERO,
                Duration.ofSeconds(1), HeartbeatSpec.Liveness.ANY_FRAME).interval());
    }

    @Test
    void outboundCredentialsNeverReachALog() {
        assertEquals("OutboundFrame[{\"op\":\"sub\"}]", OutboundFrame.text("{\"op\":\"sub\"}").toString());
        OutboundFrame login = OutboundFrame.sensitive("{\"token\":\"tk_test_FAKE_9\"}");
        assertTrue(login.sensitive());
        assertEquals("{\"token\":\"tk_test_FAKE_9\"}", login.text());
        assertEquals("OutboundFrame[<credential, 26 chars>]", login.toString());
        assertFalse(OutboundFrame.text("x").sensitive());
    }

    @Test
    void readinessAndSubscribeStyles() {
        assertEquals(new Readiness(false, Duration.ZERO, false), Readiness.onOpen());
        assertEquals(new Readiness(true, Duration.ofSeconds(2), true), Readiness.awaitMessage(Duration.ofSeconds(2),
                true));
        assertEquals(new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, true, Duration.ofSeconds(1)),
                SubscribeStyle.additive(Duration.ofSeconds(1)));
        assertEquals(new SubscribeStyle(SubscribeStyle.Mode.REPLACE_ALL, true, Duration.ofSeconds(1)),
                SubscribeStyle.replaceAll(Duration.ofSeconds(1)));
        assertNotEquals(SubscribeStyle.additive(Duration.ZERO), SubscribeStyle.replaceAll(Duration.ZERO));
    }

    @Test
    void aRequestNotAppliedIsAWarningUnlessTheOutputSaysMore() {
        List<Disposition> problems = new ArrayList<>();
        DecodeOutput output = new DecodeOutput() {
            @Override public void emit(MarketEvent event) { }
            @Override public void ready() { }
            @Override public void limits(LimitsUpdate update) { }
            @Override public void acknowledged(String topic, List<String> symbols) { }
            @Override public void unsubscribed(String topic, List<String> symbols) { }
            @Override public void rejected(String topic, List<String> symbols, String reason) { }
            @Override public void substitute(String topic, String symbol, List<String> r, String reason) { }
            @Override public void heartbeat() { }
            @Override public void problem(Disposition disposition) { problems.add(disposition); }
            @Override public void credits(CreditUpdate update) { }
            @Override public void lost(Instant from, String reason) { }
        };
        output.notApplied("quotes", List.of("A"), "too many targets in one request");
        assertEquals(List.of(Disposition.warn("too many targets in one request")), problems);
    }

    @Test
    void aProviderDescribesItselfByItsIdUnlessItSaysMore() {
        MarketFeedProvider provider = new MarketFeedProvider() {
            @Override public String id() { return "demo"; }
            @Override public String version() { return "1"; }
            @Override public String spiVersion() { return "1.1"; }
            @Override public Set<FeedCapability> capabilities() { return Set.of(); }
            @Override public FeedProtocol create(ProviderSettings settings) { return new MinimalProtocol(); }
        };
        assertEquals("demo", provider.description());
    }

    /** Only what every protocol must say; everything else is the SPI's default. */
    private static final class MinimalProtocol implements FeedProtocol {
        @Override public List<Endpoint> endpoints() { return List.of(); }
        @Override public Endpoint endpointFor(Subscription subscription) { return null; }
        @Override public List<Subscription> configuredSubscriptions() { return List.of(); }
        @Override public Limits limits(Endpoint endpoint) { return null; }
        @Override public HeartbeatSpec heartbeat(Endpoint endpoint) { return null; }
        @Override public Disposition classifyClose(int code, String reason) { return Disposition.retry(reason); }
        @Override public ProtocolSession openSession(SessionContext context) { return null; }
    }
}

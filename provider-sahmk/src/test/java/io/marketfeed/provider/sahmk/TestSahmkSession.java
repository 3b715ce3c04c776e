package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Acknowledged;
import io.marketfeed.testkit.RecordingDecodeOutput.Rejected;
import io.marketfeed.testkit.RecordingDecodeOutput.Substituted;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Encoding requests, and correlating SAHMK's id-less acknowledgements and errors with them. */
class TestSahmkSession {

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void requestsAreTheDocumentedJson() {
        SahmkSession session = new SahmkSession(SahmkChannel.QUOTES, List.of(), 5);
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"2222\",\"1120\"]}"),
                session.subscribe(Topics.QUOTES, List.of("2222", "1120")));
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"*\"]}"),
                session.subscribe(Topics.QUOTES, List.of("*")));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"2222\"]}")),
                session.unsubscribe(Topics.QUOTES, List.of("2222")));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"ping\"}")), session.heartbeat());
        assertTrue(session.authMessage().isEmpty(), "the key goes in the URL, never in a message");
    }

    @Test
    void depthSubscriptionsAskForLevels() {
        SahmkSession session = new SahmkSession(SahmkChannel.DEPTH, List.of(), 7);
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"2222\"],\"levels\":7}"),
                session.subscribe(Topics.BOOK, List.of("2222")));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"2222\"]}")),
                session.unsubscribe(Topics.BOOK, List.of("2222")));
    }

    @Test
    void symbolsAreEscaped() {
        SahmkSession session = new SahmkSession(SahmkChannel.TRADES, List.of(), 5);
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"a\\\"b\\\\c\\u0001\"]}",
                session.subscribe(Topics.TRADES, List.of("a\"b\\c\u0001")).text());
    }

    @Test
    void refusedWholeMarketFallsBackToTheConfiguredList() {
        SahmkSession session = connected(List.of("2222", "1120"));
        session.subscribe(Topics.QUOTES, List.of("*"));
        session.decode(frame("error-subscribe-all-refused.json"), out);
        Substituted substituted = out.single(Substituted.class);
        assertEquals(Topics.QUOTES, substituted.topic());
        assertEquals("*", substituted.symbol());
        assertEquals(List.of("2222", "1120"), substituted.replacements());
        assertTrue(substituted.reason().contains("Enterprise plan"), substituted.reason());
    }

    @Test
    void refusedWholeMarketWithoutFallbackSaysHowToConfigureOne() {
        SahmkSession session = connected(List.of());
        session.subscribe(Topics.QUOTES, List.of("*"));
        session.decode(frame("error-subscribe-all-refused.json"), out);
        Substituted substituted = out.single(Substituted.class);
        assertEquals(List.of(), substituted.replacements());
        assertTrue(substituted.reason().contains("fallback-symbols"), substituted.reason());
    }

    @Test
    void anErrorAfterTheWholeMarketWasAcknowledgedIsJustAWarning() {
        SahmkSession session = connected(List.of("2222"));
        session.subscribe(Topics.QUOTES, List.of("*"));
        session.decode(Frames.json("{\"type\":\"subscribed\",\"symbols\":[\"*\"]}"), out);
        out.clear();
        session.decode(frame("error-no-code.json"), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void onlyTheRefusedSymbolIsRejectedAndTheRestAcknowledged() {
        SahmkSession session = connected(List.of());
        session.subscribe(Topics.QUOTES, List.of("2222", "9999"));
        session.decode(frame("error-invalid-symbol.json"), out);
        session.decode(Frames.json("{\"type\":\"subscribed\",\"symbols\":[\"2222\"]}"), out);
        assertEquals(List.of(
                new Rejected(Topics.QUOTES, List.of("9999"), "SAHMK refused the subscription: Invalid symbol: 9999"),
                new Acknowledged(Topics.QUOTES, List.of("2222"))), out.calls());
    }

    @Test
    void errorsNameSymbolsInTheirTextOrFields() {
        SahmkSession session = connected(List.of());
        session.subscribe(Topics.QUOTES, List.of("9999", "8888"));
        session.decode(frame("error-invalid-symbols.json"), out);
        session.decode(frame("error-symbols-array.json"), out);
        session.decode(frame("error-symbol-field.json"), out);
        List<List<String>> rejected = out.calls(Rejected.class).stream().map(Rejected::symbols).toList();
        assertEquals(List.of(List.of("9999", "8888"), List.of("9999"), List.of("9999")), rejected);
        assertEquals(3, out.calls().size());
    }

    @Test
    void aRefusedSymbolBesideAPendingWholeMarketIsStillJustThatSymbol() {
        SahmkSession session = connected(List.of("1120"));
        session.subscribe(Topics.QUOTES, List.of("*"));
        session.decode(frame("error-invalid-symbol.json"), out);
        assertEquals(List.of("9999"), out.single(Rejected.class).symbols());
    }

    @Test
    void anAcknowledgementWithoutSymbolsIsForTheOldestBatch() {
        SahmkSession session = connected(List.of());
        session.subscribe(Topics.QUOTES, List.of("2222", "1120"));
        session.subscribe(Topics.QUOTES, List.of("2010"));
        session.decode(frame("subscribed-without-symbols.json"), out);
        session.decode(frame("subscribed-without-symbols.json"), out);
        session.decode(frame("subscribed-without-symbols.json"), out);
        assertEquals(List.of(new Acknowledged(Topics.QUOTES, List.of("2222", "1120")),
                new Acknowledged(Topics.QUOTES, List.of("2010")),
                new Acknowledged(Topics.QUOTES, List.of())), out.calls());
    }

    @Test
    void depthSnapshotsBeforeTheAcknowledgementDoNotDisturbIt() {
        SahmkSession session = new SahmkSession(SahmkChannel.DEPTH, List.of(), 5);
        session.decode(frame("connected-depth-channel.json"), out);
        session.subscribe(Topics.BOOK, List.of("2222"));
        session.decode(frame("depth_snapshot.json"), out);
        session.decode(frame("subscribed.json"), out);
        assertEquals(new Acknowledged(Topics.BOOK, List.of("2222")), out.calls(Acknowledged.class).get(0));
    }

    @Test
    void anErrorAfterSubscribingWithoutConnectedIsNotFatal() {
        // The ready timeout passed without "connected" and the runtime subscribed anyway.
        SahmkSession session = new SahmkSession(SahmkChannel.QUOTES, List.of(), 5);
        session.subscribe(Topics.QUOTES, List.of("2222"));
        session.decode(frame("error-no-code.json"), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void anErrorBeforeAnythingElseIsFatalWhateverItSays() {
        new SahmkSession(SahmkChannel.TRADES, List.of(), 5).decode(frame("error-string-code.json"), out);
        assertEquals(Disposition.Kind.FATAL, out.singleProblem().kind());
    }

    /**
     * Server text is passed on as sent, here the words and code of a refusal; masking a credential a server quotes
     * back is the runtime's, which {@code TestSahmkProviderConformance.aCredentialQuotedBackByTheServerIsNeverShown}
     * checks end to end.
     */
    @Test
    void aRefusalQuotesTheServersWordsAndCode() {
        new SahmkSession(SahmkChannel.QUOTES, List.of(), 5).decode(
                Frames.json("{\"type\":\"error\",\"message\":\" Invalid API key \",\"code\":\"AUTH_1\"}"), out);
        String message = out.singleProblem().message();
        assertTrue(message.startsWith("SAHMK refused the connection: Invalid API key (code AUTH_1); check "), message);
    }

    private SahmkSession connected(List<String> fallback) {
        SahmkSession session = new SahmkSession(SahmkChannel.QUOTES, fallback, 5);
        session.decode(frame("connected.json"), out);
        out.clear();
        return session;
    }
}

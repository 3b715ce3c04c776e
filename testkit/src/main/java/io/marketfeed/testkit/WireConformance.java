package io.marketfeed.testkit;

import io.marketfeed.runtime.MarketFeed;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases on the wire, each through the real runtime ({@link MarketFeed}) on a virtual network against
 * a {@link ScriptedServer} speaking the provider's {@link ProtocolScript}: the handshake and credential, subscribe
 * requests within the limits and with the declared semantics, each control frame once per connection,
 * resubscription after drops and closes, heartbeats and stale connections, fatal closes, garbage on a live
 * connection, clean refusals, refused handshakes, and a hostile server. The checks themselves are in
 * {@link SubscriptionCases}, {@link ConnectionLifeCases} and {@link HostileServerCases}.
 *
 * <p>Package private, in the chain {@link MarketFeedProviderConformanceTest} extends: JUnit runs these cases for
 * every provider's test class.
 */
abstract class WireConformance extends SpiConformance {

    /**
     * <b>Purpose:</b> the connection goes where the script says and authenticates as the protocol declares,
     * with the credential reaching the server and nothing else carrying it.<br>
     * <b>Setup:</b> a feed subscribing one symbol.<br>
     * <b>Passes when</b> the handshake path is {@link ProtocolScript#path}; the credential is the declared query
     * parameter, is in the declared header, or is in the first client message (which the session marks
     * sensitive, and which precedes every request), and appears nowhere else in the handshake or the other
     * messages; the subscription is sent and its data arrives. (No event, snapshot or exception message may show
     * the credential; every case checks that.)<br>
     * <b>Requires:</b> nothing; {@code FIRST_MESSAGE_AUTH} selects the first-message check.
     */
    @Test
    public void handshakeCarriesTheCredentialAsDeclared() {
        new SubscriptionCases(fixture(), this).handshakeCarriesTheCredentialAsDeclared();
    }

    /**
     * <b>Purpose:</b> subscribe requests respect the frame limit, name every symbol, and (additive) never repeat
     * one: a server refuses an oversized request, and a repeat can count twice against a symbol cap.<br>
     * <b>Setup:</b> a feed subscribing, at once, twice the frame limit plus three symbols (additive; at most the
     * per-connection limit), or twelve (replace).<br>
     * <b>Passes when</b> no request names more than the frame limit (additive) or the per-connection limit
     * (replace) — the declared limit, or the one the server announced; together the requests name every symbol;
     * additive requests name each symbol once; the last replace request names them all; data for the first and
     * the last symbol arrives.<br>
     * <b>Requires:</b> nothing; {@code REPLACE_SEMANTICS} selects the replace checks.
     */
    @Test
    public void subscribeRequestsStayWithinTheFrameLimit() {
        new SubscriptionCases(fixture(), this).subscribeRequestsStayWithinTheFrameLimit();
    }

    /**
     * <b>Purpose:</b> requests have the semantics the provider declares. Additive: a request names only what
     * changes. Replace: every request names the whole list of the topic, so that a request never drops a
     * subscription by accident.<br>
     * <b>Setup:</b> a feed subscribing two symbols, then a third, then unsubscribing the first, then subscribing
     * a fourth; each step waits for its request.<br>
     * <b>Passes when</b> (additive) the third symbol's request names only it, the first symbol is unsubscribed
     * with a request naming only it when the session can unsubscribe ({@code unsubscribe} is present) and never
     * otherwise, and no symbol is subscribed twice; (replace) the requests name {1,2}, then {1,2,3}, then {2,3},
     * then {2,3,4}; and the fourth symbol's data arrives.<br>
     * <b>Requires:</b> nothing; {@code REPLACE_SEMANTICS} selects the replace checks.
     */
    @Test
    public void subscribeRequestsFollowTheDeclaredSemantics() {
        new SubscriptionCases(fixture(), this).subscribeRequestsFollowTheDeclaredSemantics();
    }

    /**
     * <b>Purpose:</b> each control frame goes on the wire once per connection. A repeated subscribe is at best
     * wasted (a server may count it against a symbol cap or a credit quota, or answer it with an error) and always
     * a bookkeeping bug, typically two topics carried by one wire subscription each sending it (issue 16: TickAtlas
     * sent the same subscribe for its quotes and candles topics).<br>
     * <b>Setup:</b> a feed subscribing two symbols on the case topic, then the same two on every other data topic
     * (quotes, trades, book, candles) that the same endpoint serves for them; once the server confirmed all of it,
     * the same subscriptions again (already wanted: nothing to send), then a third symbol on the case topic, whose
     * data must arrive. The script's server accepts everything, and nothing is unsubscribed or dropped.<br>
     * <b>Passes when</b> on every connection no request the script reads (subscribe or unsubscribe) is sent twice
     * as the same message without a different request naming one of its symbols in between, and the first-message
     * auth is sent once. Heartbeats and other messages may repeat.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void controlFramesAreNotRepeatedOnAConnection() {
        new SubscriptionCases(fixture(), this).controlFramesAreNotRepeatedOnAConnection();
    }

    /**
     * <b>Purpose:</b> after a connection is lost without a close frame (a crash, a broken network) the feed
     * reconnects, subscribes everything again exactly once, and reports the blind window as a gap.<br>
     * <b>Setup:</b> a feed subscribing the frame limit plus two symbols (additive; at most the per-connection
     * limit and 25) or five (replace); data flows; the server drops the connection.<br>
     * <b>Passes when</b> a second connection opens; its subscribe requests name every symbol (additive: each
     * once, within the frame limit; replace: each request the whole list); a gap event names every symbol with
     * {@code from <= to}; a reconnecting state was reported; data flows on the new connection.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void resubscribesAfterADropWithoutCloseFrame() {
        new ConnectionLifeCases(fixture()).resubscribesAfterADropWithoutCloseFrame();
    }

    /**
     * <b>Purpose:</b> a server that closes cleanly with a non-fatal code (1001, going away: a deploy) is
     * reconnected to exactly like a drop.<br>
     * <b>Setup:</b> as {@link #resubscribesAfterADropWithoutCloseFrame}, but the server closes with 1001.<br>
     * <b>Passes when</b> as {@link #resubscribesAfterADropWithoutCloseFrame}, and the provider classifies 1001 as
     * retryable.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void resubscribesAfterAGoingAwayClose() {
        new ConnectionLifeCases(fixture()).resubscribesAfterAGoingAwayClose();
    }

    /**
     * <b>Purpose:</b> the declared heartbeat keeps a healthy idle connection open: a decoder that does not
     * recognise the server's heartbeat replies (or a client that never pings) gets connections replaced every
     * timeout.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows once; then nothing but heartbeats for three heartbeat
     * timeouts (the script answers client pings; for server pings the kit pushes
     * {@link ProtocolScript#serverHeartbeat()} every third of the timeout, in every case).<br>
     * <b>Passes when</b> the connection is neither replaced nor reported disconnected, and (client pings) the
     * client sent heartbeats.<br>
     * <b>Requires:</b> a heartbeat ({@code HeartbeatSpec.Pinger} other than {@code NONE}); skipped without one,
     * since then only data proves liveness.
     */
    @Test
    public void heartbeatKeepsAnIdleConnectionOpen() {
        new ConnectionLifeCases(fixture()).heartbeatKeepsAnIdleConnectionOpen();
    }

    /**
     * <b>Purpose:</b> a server that goes silent with the TCP connection still open (a hung server, a half-open
     * connection) is detected within the declared heartbeat timeout and replaced, and the blind window is
     * reported.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server stalls the connection (sends nothing,
     * answers nothing, not even WebSocket pings).<br>
     * <b>Passes when</b> a new connection opens within the heartbeat timeout plus the runtime's check period,
     * the reconnect delay and one second; a gap event names the symbol; the symbol is subscribed again and its
     * data arrives.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void staleConnectionIsReplaced() {
        new ConnectionLifeCases(fixture()).staleConnectionIsReplaced();
    }

    /**
     * <b>Purpose:</b> a close code that means "your credentials are refused" stops the provider for good,
     * saying what to fix: retrying only hammers the server and can get an account locked.<br>
     * <b>Setup:</b> a feed subscribing one symbol; the server closes the connection with
     * {@link ProtocolScript#fatalCloseCode()}.<br>
     * <b>Passes when</b> the provider classifies the code as fatal; a failed state is reported with a reason;
     * {@link MarketFeed#allProvidersFailed()} completes; no new handshake arrives and no reconnecting state is
     * reported within a second and at least three times the longest reconnect delay.<br>
     * <b>Requires:</b> a fatal close code in the script; skipped when the protocol has none.
     */
    @Test
    public void fatalCloseStopsRetries() throws Exception {
        new ConnectionLifeCases(fixture()).fatalCloseStopsRetries();
    }

    /**
     * <b>Purpose:</b> garbage on a live connection changes nothing: the connection stays, and data after it is
     * delivered.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server sends empty, non-JSON, truncated,
     * type-swapped, unknown, deeply nested, 2 MB and binary messages, then a data frame.<br>
     * <b>Passes when</b> the data frame's event arrives, the connection is still the first and open, and no
     * disconnect or failure is reported.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void malformedFramesKeepTheConnection() {
        new ConnectionLifeCases(fixture()).malformedFramesKeepTheConnection();
    }

    /**
     * <b>Purpose:</b> what a provider cannot do is refused before anything is sent, with an
     * {@link IllegalArgumentException}, rather than failing on the wire.<br>
     * <b>Setup:</b> a feed with one subscription, so that a connection is open; then subscribing, each with a
     * fresh symbol, to every standard topic the provider does not serve as configured (quotes, trades, book,
     * candles: whether undeclared or disabled) and to an unknown topic, and a blank symbol on the served
     * topic.<br>
     * <b>Passes when</b> each {@code subscribe} throws {@link IllegalArgumentException} whose message does not
     * show the credential; afterwards no request named a refused symbol and no further connection opened.<br>
     * <b>Requires:</b> nothing; every capability not declared is covered here or in
     * {@link #wholeMarketSubscription()}.
     */
    @Test
    public void unsupportedTopicsAreRefusedCleanly() {
        new SubscriptionCases(fixture(), this).unsupportedTopicsAreRefusedCleanly();
    }

    /**
     * <b>Purpose:</b> the whole-market wildcard {@code *} works when declared and is refused cleanly when not.<br>
     * <b>Setup:</b> with {@code SUBSCRIBE_ALL}: a feed subscribing {@code *}; without: a feed subscribing one
     * symbol, then trying {@code *}.<br>
     * <b>Passes when</b> (declared) a request names {@code *} and data for any symbol is delivered; (not declared)
     * subscribing {@code *} throws {@link IllegalArgumentException} and no request names it.<br>
     * <b>Requires:</b> nothing; {@code SUBSCRIBE_ALL} selects which.
     */
    @Test
    public void wholeMarketSubscription() {
        new SubscriptionCases(fixture(), this).wholeMarketSubscription();
    }

    /**
     * <b>Purpose:</b> a handshake refused with HTTP 401 (the credentials are refused before any frame) stops the
     * provider for good, saying what to fix, as a fatal close does.<br>
     * <b>Setup:</b> the server refuses every upgrade with 401; a feed subscribing one symbol.<br>
     * <b>Passes when</b> the provider classifies 401 as fatal; a failed state is reported with a reason;
     * {@link io.marketfeed.runtime.MarketFeed#allProvidersFailed()} completes without showing the credential; no
     * second handshake arrives and no reconnecting state is reported within a second and at least three times the
     * longest reconnect delay (virtual time).<br>
     * <b>Requires:</b> an endpoint that sends credentials with the handshake (a query parameter or a header);
     * skipped when none does (anonymous, or first-message authentication).
     */
    @Test
    public void unauthorizedHandshakeStopsRetries() throws Exception {
        new ConnectionLifeCases(fixture()).unauthorizedHandshakeStopsRetries();
    }

    /**
     * <b>Purpose:</b> a handshake refused for a passing reason (HTTP 503) is retried until the server accepts,
     * and the subscriptions then go out as usual.<br>
     * <b>Setup:</b> the server refuses upgrades with 503; a feed subscribing one symbol; after two refused
     * handshakes the server accepts again.<br>
     * <b>Passes when</b> the provider classifies 503 as retryable; the client keeps trying; once accepted the
     * symbol is subscribed and its data arrives; a reconnecting state was reported.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void refusedHandshakeIsRetried() {
        new ConnectionLifeCases(fixture()).refusedHandshakeIsRetried();
    }

    /**
     * <b>Purpose:</b> a server cannot make the client hold a message of any size: past the runtime's limit
     * (1 MiB by default) the connection is cut while the message still arrives, and comes back.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server sends one text frame of 50 MB.<br>
     * <b>Passes when</b> a {@code message-too-large} status event names the limit, the client held a small part of
     * the message, and a new connection subscribes again and delivers data.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void aMessageOverTheLimitIsCutAndTheConnectionComesBack() {
        new HostileServerCases(fixture()).messageOverTheLimit();
    }

    /**
     * <b>Purpose:</b> what a server says is never trusted with the credential: a server that quotes it back (as
     * is, URL-encoded, in Base64) with a line break gets neither into an event.<br>
     * <b>Setup:</b> a feed subscribing one symbol; the server sends {@link ProtocolScript#errorFrame} quoting the
     * credential (when the script has one), then closes with 1001 and a reason quoting it, then refuses the next
     * handshake with 503 and a body quoting it.<br>
     * <b>Passes when</b> the data flows again after each, and no event quotes the credential in any of the three
     * forms or carries the server's line break as such.<br>
     * <b>Requires:</b> nothing; the error frame part needs {@link ProtocolScript#errorFrame}.
     */
    @Test
    public void aCredentialQuotedBackByTheServerIsNeverShown() {
        new HostileServerCases(fixture()).credentialQuotedBack();
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonFrames;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection to a Screener server: decodes its frames into events, with {@link ScreenerRequests} matching
 * replies to requests (they carry no request id) and {@link ScreenerDispositions} handling {@code error} frames.
 * It remembers the server session id when a server disclosed one (a docs-shaped {@code connected} message; the
 * shipped server never does), to restore it on the next attempt, with a copy of what was on the wire (never the
 * previous session itself, so no chain of sessions stays reachable). Sequence numbers come from one server-wide
 * counter: a jump is normal and never reported as loss.
 *
 * <p>Not thread safe: the runtime calls a session serially. {@link #decode} never throws.
 */
final class ScreenerSession implements ProtocolSession {

    private final ScreenerProtocol protocol;
    private final String connectionId;
    private final ScreenerRequests requests = new ScreenerRequests();
    private final ScreenerDispositions dispositions;
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ScreenerCodec codec = new ScreenerCodec();
    /** Where {@code expires_in} is read. */
    private final ExactDecimal scratch = new ExactDecimal();
    /** The server session to restore on this attempt, or null. */
    private final String restoring;
    /** What the previous attempt had on the wire, copied, or null. */
    private final ScreenerRequests previous;
    private boolean awaitingRestore;
    /** A server session id the server disclosed on this connection (docs-shaped servers). */
    private String sessionId;
    private Instant lastFrameAt;
    private boolean strippedWarned;

    ScreenerSession(ScreenerProtocol protocol, String connectionId, ScreenerSession previous) {
        this.protocol = protocol;
        this.connectionId = connectionId;
        this.dispositions = new ScreenerDispositions(connectionId, requests, protocol.tokens());
        this.previous = previous == null ? null : previous.requests.carried();
        this.restoring = protocol.settings().sessionRestore() && previous != null ? previous.sessionId : null;
    }

    /** The newest access token, and the session id to restore. Both are credentials to the runtime. */
    @Override
    public Map<String, Secret> queryParameters() {
        Map<String, Secret> parameters = new LinkedHashMap<>();
        if (restoring != null) {
            parameters.put("session_id", Secret.of(restoring));
        }
        protocol.tokens().access().ifPresent(token -> parameters.put("token", token));
        return parameters;
    }

    @Override
    public void onOpen(DecodeOutput out) {
        if (restoring == null) {
            // The server sends nothing on a fresh connection: ready at once.
            out.ready();
        } else {
            awaitingRestore = true;
        }
    }

    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        return requests.subscribe(topic, symbols);
    }

    /** Unsubscribes on the wire only targets no other topic still wants. */
    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        return requests.unsubscribe(topic, symbols);
    }

    /**
     * The client heartbeat timer, on when {@code heartbeat.client-ping} is set or a refresh token is configured:
     * a {@code refresh_token} request when the access token is due (one connection claims it), otherwise a
     * {@code ping} if pinging is configured.
     */
    @Override
    public Optional<OutboundFrame> heartbeat() {
        if (protocol.tokens().claimRefresh()) {
            requests.sent(ScreenerRequests.Kind.REFRESH);
            return Optional.of(ScreenerCodec.refreshToken(protocol.tokens().refreshToken().orElseThrow()));
        }
        if (protocol.settings().clientPingConfigured()) {
            requests.sent(ScreenerRequests.Kind.PING);
            return Optional.of(ScreenerCodec.PING);
        }
        return Optional.empty();
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        Instant before = lastFrameAt;
        lastFrameAt = frame.receivedAt();
        if (!frame.isText()) {
            out.problem(Disposition.warn("Screener sent a binary frame of " + frame.length() + " bytes on "
                    + connectionId + "; it was ignored"));
            return;
        }
        ScreenerMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("Screener sent a frame on " + connectionId + " that could not be parsed ("
                    + JsonFrames.reason(e) + "); it was ignored"));
            return;
        }
        handle(message, frame, before, out);
    }

    private void handle(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out) {
        String type = codec.type(message);
        if (type == null) {
            out.problem(Disposition.warn("Screener sent a message without a type on " + connectionId
                    + "; it was ignored"));
            return;
        }
        try {
            switch (type) {
                case "batch": onBatch(message, frame, before, out); break;
                case "price_update": onStock(type, Topics.QUOTES, message, frame, out); break;
                case "orderbook_update": onStock(type, Topics.BOOK, message, frame, out); break;
                case "market_status": onMarketStatus(message, frame, out); break;
                case "alert": out.emit(codec.alert(message, frame.receivedAt(), out)); break;
                case "notification": onNotification(message, frame, out); break;
                case "subscribed": requests.onSubscribed(message, out); break;
                case "unsubscribed": requests.onUnsubscribed(out); break;
                case "pong": requests.onPong(message, out); break;
                case "ping": out.heartbeat(); break;
                case "error": onError(message, frame, before, out); break;
                case "reconnected": onReconnected(message, out); break;
                case "token_refreshed": onTokenRefreshed(message, out); break;
                case "connected": onConnected(message); break;
                case "fallback_to_rest":
                    out.problem(Disposition.warn("Screener asked " + connectionId + " to fall back to REST ("
                            + message.top.trimmed(ScreenerField.REASON) + "); streaming continues"));
                    break;
                default:
                    out.problem(Disposition.warn("Screener sent a message of unknown type '" + type + "' on "
                            + connectionId + "; it was ignored"));
            }
        } catch (RuntimeException e) {
            out.problem(Disposition.warn("could not translate a Screener '" + type + "' message: " + e));
        }
    }

    private void onBatch(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out) {
        List<ScreenerMessage> items = message.messages();
        if (items == null) {
            out.problem(Disposition.warn("Screener sent a batch without messages on " + connectionId));
            return;
        }
        for (ScreenerMessage item : items) {
            handle(item, frame, before, out);
        }
    }

    /** {@code price_update} (a quote) or {@code orderbook_update} (a book) of a code this connection wants. */
    private void onStock(String type, String topic, ScreenerMessage message, InboundFrame frame, DecodeOutput out) {
        String symbol = codec.stockCode(message);
        if (symbol == null) {
            if (!codec.badStockCode(message, out)) {
                warnStripped(type, out);
            }
            return;
        }
        if (requests.wanted(symbol, topic)) {
            out.emit(topic.equals(Topics.QUOTES) ? codec.quote(message, symbol, frame.receivedAt(), out)
                    : codec.book(message, symbol, frame.receivedAt(), out));
        }
    }

    private void onMarketStatus(ScreenerMessage message, InboundFrame frame, DecodeOutput out) {
        MarketStatus status = codec.marketStatus(message, frame.receivedAt(), out);
        if (status == null) {
            warnStripped("market_status", out);
            return;
        }
        out.emit(status);
    }

    private void onNotification(ScreenerMessage message, InboundFrame frame, DecodeOutput out) {
        // Sent to every connection of the user: one event per notification id.
        if (protocol.firstNotification(message.top.trimmed(ScreenerField.NOTIFICATION_ID))) {
            out.emit(codec.notification(message, frame.receivedAt(), out));
        }
    }

    /**
     * The shipped server forwards market data as its base message type, which drops every payload field
     * (protocols.md §2.6): warn once per connection instead of once per frame.
     */
    private void warnStripped(String type, DecodeOutput out) {
        if (!strippedWarned) {
            strippedWarned = true;
            out.problem(Disposition.warn("Screener sent " + type + " without its payload (no stock code, market or "
                    + "status) on " + connectionId + "; the shipped server strips these fields when forwarding "
                    + "through Redis, so such messages are ignored"));
        }
    }

    private void onConnected(ScreenerMessage message) {
        String id = message.top.trimmed(ScreenerField.SESSION_ID);
        id = id != null ? id : message.top.trimmed(ScreenerField.CONNECTION_ID);
        if (id != null) {
            sessionId = id;
        }
    }

    /**
     * The server restored the old session's subscriptions onto this connection: they count as subscribed, and the
     * runtime subscribes only what is missing. Inside a batch the server drops {@code restored_subscriptions}
     * (pydantic serializes batch items as the base type); it restores exactly what was saved, so the previous
     * attempt's wire state stands in.
     */
    private void onReconnected(ScreenerMessage message, DecodeOutput out) {
        requests.onRestored(message.restored, previous, out);
        if (awaitingRestore) {
            awaitingRestore = false;
            out.ready();
        }
    }

    private void onTokenRefreshed(ScreenerMessage message, DecodeOutput out) {
        requests.take(ScreenerRequests.Kind.REFRESH);
        if (message.accessToken == null) {
            // Inside a batch the server drops the token (base-type serialization): ask again at the next check.
            protocol.tokens().refreshFailed();
            out.problem(Disposition.warn("Screener confirmed a token refresh on " + connectionId
                    + " without the new token (it drops fields of batched messages); refreshing again"));
            return;
        }
        protocol.tokens().refreshed(Secret.of(message.accessToken),
                message.top.wholeNumber(ScreenerField.EXPIRES_IN, 1, scratch).orElse(0));
    }

    private void onError(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out) {
        if (awaitingRestore) {
            // On a restoration attempt the first message is reconnected or an error; the server then goes on as a
            // fresh connection, and the runtime subscribes everything.
            awaitingRestore = false;
            out.problem(Disposition.warn("Screener could not restore session on " + connectionId + ": "
                    + ScreenerDispositions.described(message) + "; continuing as a fresh connection and subscribing "
                    + "again"));
            out.ready();
            return;
        }
        dispositions.onError(message, before != null ? before : frame.receivedAt().minusSeconds(1), out);
    }
}

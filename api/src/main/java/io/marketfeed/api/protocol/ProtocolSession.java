package io.marketfeed.api.protocol;

import io.marketfeed.api.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-connection half of a protocol: encodes requests and decodes frames for one physical connection.
 * It may keep state about that connection (request ids, pending requests, a session id); a new session is
 * made for every connection attempt.
 *
 * <p>Threading: the runtime calls a session's methods one at a time, never concurrently: {@link #decode} on
 * the connection's read thread (the frames of one connection in order; other connections' sessions in
 * parallel), as is {@link #onOpen}, the other methods on the runtime's control thread. Methods must not block, sleep or do I/O (a
 * decode that waits holds the socket), and {@link #decode} must not throw for malformed or unknown input: it
 * reports it with {@link DecodeOutput#problem} instead. An exception that does escape is caught, counted and
 * reported; the connection stays open.
 */
public interface ProtocolSession {

    /**
     * Extra query parameters for this attempt's URL, such as a server-side session id to restore or a
     * refreshed token. Values are treated as credentials: never logged. Called once, before connecting.
     */
    default Map<String, Secret> queryParameters() {
        return Map.of();
    }

    /**
     * The socket opened. A session whose endpoint awaits a ready message but that knows none will come (a
     * fresh connection to a server that only answers restorations) calls {@link DecodeOutput#ready()} here.
     * Called on the read thread before any frame is decoded.
     */
    default void onOpen(DecodeOutput out) {
    }

    /** For {@link AuthStyle.Kind#FIRST_MESSAGE}: the message sent as soon as the socket opens. */
    default Optional<OutboundFrame> authMessage() {
        return Optional.empty();
    }

    /**
     * A subscribe request. With {@link SubscribeStyle.Mode#ADDITIVE} {@code symbols} are the ones to add
     * (never more than the frame limit); with {@link SubscribeStyle.Mode#REPLACE_ALL} they are the whole
     * list for {@code topic} on this connection.
     */
    OutboundFrame subscribe(String topic, List<String> symbols);

    /**
     * An unsubscribe request. With {@link SubscribeStyle.Mode#ADDITIVE} {@code symbols} are the ones to
     * remove; with {@link SubscribeStyle.Mode#REPLACE_ALL} it is called only when the list of the topic
     * becomes empty (a smaller list is sent with {@link #subscribe}). Empty when the protocol has no way to
     * unsubscribe; the runtime then drops the unwanted data.
     */
    Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols);

    /** For {@link HeartbeatSpec.Pinger#CLIENT}: the heartbeat message. */
    default Optional<OutboundFrame> heartbeat() {
        return Optional.empty();
    }

    /** Translates one received message. */
    void decode(InboundFrame frame, DecodeOutput out);
}

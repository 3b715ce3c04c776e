package io.marketfeed.api.protocol;

import io.marketfeed.api.model.MarketEvent;
import java.time.Instant;
import java.util.List;

/**
 * Where a decoder reports what a frame meant. Implemented by the runtime; each call is cheap and never
 * blocks. One frame may produce any number of calls (a batch frame carries many events).
 *
 * <p>Threading: only valid during the {@link ProtocolSession#decode} call it was passed to.
 */
public interface DecodeOutput {

    /** Market data (quotes, trades, candles, books, market status, alerts). */
    void emit(MarketEvent event);

    /** The server accepted the connection (SAHMK {@code connected}, TickAtlas {@code authenticated}). */
    void ready();

    /** The server announced limits; they beat configured ones from now on. */
    void limits(LimitsUpdate update);

    /** The server confirmed a subscription. */
    void acknowledged(String topic, List<String> symbols);

    /**
     * The server restored these subscriptions from an earlier session (session resumption): they count as
     * subscribed on this connection without a request; any the connection no longer wants are unsubscribed.
     */
    default void restored(String topic, List<String> symbols) {
    }

    /**
     * The server did not apply a request for these symbols but may accept them again (too many targets in one
     * request, a transient limit): they are sent again, within the limits in force (report smaller limits with
     * {@link #limits} first).
     */
    default void notApplied(String topic, List<String> symbols, String reason) {
        problem(Disposition.warn(reason));
    }

    /** The server confirmed an unsubscription. */
    void unsubscribed(String topic, List<String> symbols);

    /**
     * The server refused these symbols. They are dropped from the wanted set and reported; the runtime does
     * not retry them. The rest of the connection is unaffected.
     */
    void rejected(String topic, List<String> symbols, String reason);

    /**
     * The server refused {@code symbol} but {@code replacements} may be used instead (SAHMK {@code *} on a
     * plan without it, replaced by an explicit list).
     */
    void substitute(String topic, String symbol, List<String> replacements, String reason);

    /** A heartbeat or its reply arrived: proof of liveness. */
    void heartbeat();

    /** An error frame or notice, classified. */
    void problem(Disposition disposition);

    /** Credit figures reported by the server. */
    void credits(CreditUpdate update);

    /**
     * The server says data was lost (for example it dropped messages to this client): a gap event for the
     * connection's symbols from {@code from} to the frame's receive time.
     */
    void lost(Instant from, String reason);
}

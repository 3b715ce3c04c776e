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

    /**
     * The server confirmed an unsubscription. Optional: the runtime takes an unsubscription as done when it is sent
     * (data still arriving for it is dropped as unwanted), so this changes nothing; it stays for providers that
     * report it.
     */
    default void unsubscribed(String topic, List<String> symbols) {
    }

    /**
     * The server refused these symbols. They are dropped from the wanted set and reported; the runtime does
     * not retry them. The rest of the connection is unaffected.
     *
     * <p>A refusal that names no symbols ({@code symbols} empty: "Subscribing to too many symbols") refuses the
     * request it answers: the oldest request on {@code topic} still awaiting its acknowledgement, or, for a
     * protocol without acknowledgements, the last subscribe request sent on it (with replace-all semantics, the
     * list last sent). Those symbols are reported by name and no longer counted as subscribed; the runtime never
     * believes in a subscription the server did not serve.
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

    /**
     * A value the server sent could not be read exactly, and was not used. Call it once per value, in every frame
     * (the runtime counts, and announces rate-limited; the decoder keeps no state for it).
     *
     * <p>The policy every provider follows: a value "cannot be read exactly" when it is {@code NaN} or
     * {@code Infinity}, not a number where a number must be ({@code true}, {@code null}, {@code ""}, an object or
     * array), a number beyond sane bounds (more than 64 characters, or an exponent beyond ±64: see the toolkit's
     * {@code ExactDecimal}), or a time that is not one. A value is never read through a {@code double}. Then:
     * <ul>
     * <li>a <b>required</b> field (the symbol; the price and size of a trade or book level; the time of an event
     *     that has no other time, such as a candle's open time; what the model cannot do without): the event (or
     *     book level) is not emitted; {@code eventDropped} is true;
     * <li>an <b>optional</b> field (a quote's prices, a trade's value, a quote's or trade's own time, which
     *     {@code receivedAt} stands in for): the event is emitted without it; {@code eventDropped} is false.
     * </ul>
     * Each provider's documentation says which of its fields are required. A field that was not sent at all is no
     * bad value (a missing required field is a {@link #problem}). The model puts no sign on prices or sizes, so a
     * negative value is not refused here.
     *
     * <p>The runtime counts per provider, field and outcome (the exit summary, {@code /metrics}, {@code /status},
     * the snapshot) and publishes a {@code bad-value} status event naming the provider, the field and the sample
     * the first time per field, then at most once a minute per field with the count since. On the read thread it
     * allocates nothing after the first report of a field.
     *
     * <p>The default does nothing, for a {@code DecodeOutput} written before this method (SPI 1.2); the runtime's
     * own counts.
     *
     * @param field the field as the provider names it on the wire (a constant, such as {@code "price"} or
     *     {@code "data.bid"}; a provider has a few dozen at most)
     * @param sample the value as sent (for JSON {@code null}: {@code null}; an object: {@code {…}}), only valid
     *     during the call: the runtime copies (at most 64 characters, control characters escaped) what it keeps
     * @param eventDropped true when the field was required and the event was dropped; false when the event was
     *     emitted with the field absent
     */
    default void badValue(String field, CharSequence sample, boolean eventDropped) {
    }

    /** Credit figures reported by the server. */
    void credits(CreditUpdate update);

    /**
     * The server says data was lost (for example it dropped messages to this client): a gap event for the
     * connection's symbols from {@code from} to the frame's receive time.
     */
    void lost(Instant from, String reason);
}

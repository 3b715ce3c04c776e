package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TickAtlasField.*;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One connection to TickAtlas. Besides encoding and decoding it keeps what it takes to read TickAtlas's replies,
 * which carry no request id:
 * <ul>
 * <li>which topics want each symbol, and which symbols are subscribed on the wire. One wire subscription serves
 * both topics: every {@code quote} push carries the bid/ask and the M1 bar, so the session emits a {@link Quote}
 * and/or a {@link Candle} per push as the topics of the symbol ask. A symbol is subscribed on the wire once per
 * connection, for whichever topic asks first; the other topic's request for it sends only a {@code ping} (the
 * runtime needs a frame for every request), and is acknowledged by the first frame after it once the symbol's own
 * subscribe is answered. A symbol is unsubscribed on the wire only when no topic wants it any more;</li>
 * <li>the subscribe and unsubscribe requests not yet answered, oldest first (the server answers in order), to
 * acknowledge the right topic and to reconcile the server's {@code total_subscribed} with what was sent;</li>
 * <li>whether {@code authenticated} was seen (an unknown error before it ends the attempt).</li>
 * </ul>
 *
 * <p>Not thread safe: the runtime calls a session serially, never concurrently (see {@link ProtocolSession}).
 * {@link #decode} never throws; anything it cannot use is reported as a warning and the socket stays open.
 */
final class TickAtlasSession implements ProtocolSession {

    private static final List<String> TOPICS = List.of(Topics.QUOTES, Topics.CANDLES);

    /**
     * One request awaiting its answer; its lists shrink when some are refused.
     *
     * @param symbols what the runtime asked for
     * @param sent the symbols the request put on the wire (the others were there already)
     */
    private record Pending(String topic, List<String> symbols, List<String> sent) {
    }

    private final Secret key;
    private final String connectionId;
    private final long declaredCostPerPush;
    private final int maxConnections;
    /** Symbol → the topics that want it on this connection, in subscription order. */
    private final Map<String, Set<String>> topicsBySymbol = new LinkedHashMap<>();
    /** Symbols subscribed on the wire on this connection (sent, and not refused or unsubscribed since). */
    private final Set<String> wire = new HashSet<>();
    private final Deque<Pending> pendingSubscribes = new ArrayDeque<>();
    /** Requests for symbols already on the wire (sent as a ping), waiting to be acknowledged. */
    private final Deque<Pending> pendingShared = new ArrayDeque<>();
    private final Deque<Pending> pendingUnsubscribes = new ArrayDeque<>();
    /**
     * Symbols already reported as refused: an error that names only these again (a server repeating itself) is not
     * news.
     */
    private final Set<String> refused = new HashSet<>();
    private final TickAtlasFrameReader reader = new TickAtlasFrameReader();
    private final TickAtlasCodec codec = new TickAtlasCodec();
    private boolean authenticated;
    private boolean barlessWarned;

    /**
     * @param declaredCostPerPush what marketfeed counts a push as, compared with the server's figure
     * @param maxConnections the connection limit marketfeed keeps to, named in the connection_limit message
     */
    TickAtlasSession(Secret key, String connectionId, long declaredCostPerPush, int maxConnections) {
        this.key = key;
        this.connectionId = connectionId;
        this.declaredCostPerPush = declaredCostPerPush;
        this.maxConnections = maxConnections;
    }

    @Override
    public Optional<OutboundFrame> authMessage() {
        return Optional.of(TickAtlasCodec.auth(key));
    }

    /**
     * Subscribes on the wire only the symbols not yet there; when all are (the other topic asked for them), sends
     * a {@code ping} instead, so that no subscription goes on the wire twice.
     */
    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        List<String> fresh = new ArrayList<>();
        for (String symbol : symbols) {
            topicsBySymbol.computeIfAbsent(symbol, ignored -> new LinkedHashSet<>()).add(topic);
            refused.remove(symbol);
            if (wire.add(symbol)) {
                fresh.add(symbol);
            }
        }
        if (fresh.isEmpty()) {
            pendingShared.addLast(new Pending(topic, new ArrayList<>(symbols), new ArrayList<>()));
            return TickAtlasCodec.PING;
        }
        pendingSubscribes.addLast(new Pending(topic, new ArrayList<>(symbols), fresh));
        return TickAtlasCodec.subscribe(fresh);
    }

    /**
     * Unsubscribes on the wire only the symbols no other topic still wants; empty when every one of them is still
     * wanted by the other topic (the pushes go on, and only the unwanted event is no longer emitted).
     */
    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        List<String> leaving = new ArrayList<>();
        for (String symbol : symbols) {
            Set<String> topics = topicsBySymbol.get(symbol);
            if (topics != null) {
                topics.remove(topic);
            }
            if (topics == null || topics.isEmpty()) {
                topicsBySymbol.remove(symbol);
                wire.remove(symbol);
                leaving.add(symbol);
            }
        }
        // The request was sent and will be answered: keep its (maybe now empty) place in the queue.
        removeFromPending(topic, symbols, false);
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        pendingUnsubscribes.addLast(new Pending(topic, leaving, leaving));
        return Optional.of(TickAtlasCodec.unsubscribe(leaving));
    }

    /** Only sent when {@code heartbeat.client-ping} is on; the server's own heartbeat needs no prompting. */
    @Override
    public Optional<OutboundFrame> heartbeat() {
        return Optional.of(TickAtlasCodec.PING);
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        if (!frame.isText()) {
            out.problem(Disposition.warn("TickAtlas sent a binary frame of " + frame.length() + " bytes on "
                    + connectionId + "; it was ignored"));
            return;
        }
        WireMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("TickAtlas sent a frame on " + connectionId + " that could not be parsed ("
                    + quoted(JsonFrames.reason(e)) + "); it was ignored"));
            return;
        }
        try {
            dispatch(message, frame, out);
        } catch (RuntimeException e) {
            // A bug of ours, not the server's; the frame is lost but the connection is fine.
            out.problem(Disposition.warn("could not translate a TickAtlas '" + quoted(codec.type(message))
                    + "' message: " + quoted(e.toString())));
        }
    }

    private void dispatch(WireMessage message, InboundFrame frame, DecodeOutput out) {
        if (!pendingShared.isEmpty()) {
            acknowledgeShared(out);
        }
        String type = codec.type(message);
        if (type == null) {
            out.problem(Disposition.warn("TickAtlas sent a message without a type on " + connectionId
                    + "; it was ignored"));
            return;
        }
        switch (type) {
            case "authenticated": onAuthenticated(message, out); return;
            case "quote": onQuote(message, frame, out); break;
            case "subscribed":
                onSubscribed(message, out);
                if (!pendingShared.isEmpty()) {
                    acknowledgeShared(out);
                }
                break;
            case "unsubscribed": onUnsubscribed(message, out); break;
            case "heartbeat":
            case "pong":
                out.heartbeat();
                break;
            case "error": onError(message, out); return;
            default:
                out.problem(Disposition.warn("TickAtlas sent a message of unknown type '" + quoted(type) + "' on "
                        + connectionId + "; it was ignored"));
                return;
        }
        // Not documented on these messages, but taken when present: the runtime's ledger is only better for it.
        Optional<CreditUpdate> credits = codec.credits(message);
        if (credits.isPresent()) {
            out.credits(credits.get());
        }
    }

    private void onAuthenticated(WireMessage message, DecodeOutput out) {
        authenticated = true;
        codec.limits(message).ifPresent(out::limits);
        Optional<CreditUpdate> credits = codec.credits(message);
        credits.ifPresent(out::credits);
        out.ready();
        OptionalLong cost = credits.map(CreditUpdate::costPerPush).orElse(OptionalLong.empty());
        if (cost.isPresent() && cost.getAsLong() != declaredCostPerPush) {
            String plan = message.top.trimmed(PLAN);
            String planHint = plan == null || TickAtlasPlan.fromName(plan).isEmpty() ? ""
                    : TickAtlasConfigKeys.PLAN_PATH + " = " + TickAtlasPlan.fromName(plan).get().configName() + " or ";
            out.problem(Disposition.warn("TickAtlas charges " + cost.getAsLong() + " credits per push"
                    + (plan == null ? "" : " (plan " + quoted(plan) + ")") + ", but marketfeed counts "
                    + declaredCostPerPush + ": set " + planHint + TickAtlasConfigKeys.COST_PER_PUSH_PATH + " = "
                    + cost.getAsLong() + " so that the credit forecast is right"));
        }
        OptionalLong remaining = credits.map(CreditUpdate::remaining).orElse(OptionalLong.empty());
        if (remaining.isPresent() && remaining.getAsLong() == 0) {
            out.problem(TickAtlasErrors.quotaExceeded("daily_quota_remaining is 0"));
        }
    }

    /**
     * A push: a quote for the quotes topic and the bar as an M1 candle for the candles topic, as the symbol's
     * topics on this connection ask. A symbol this connection does not carry gets a quote, so that the runtime
     * notices the unwanted data and unsubscribes it.
     */
    private void onQuote(WireMessage message, InboundFrame frame, DecodeOutput out) {
        String symbol = codec.quoteSymbol(message);
        if (symbol == null) {
            TextFields<TickAtlasField> sent = message.quoteFields().sent(TickAtlasField.SYMBOL) ? message.quoteFields()
                    : message.top.sent(TickAtlasField.SYMBOL) ? message.top : null;
            if (sent != null) {
                sent.report(TickAtlasField.SYMBOL, "symbol", true, out);
            } else {
                out.problem(Disposition.warn("TickAtlas sent a quote without a symbol on " + connectionId
                        + "; it was ignored"));
            }
            return;
        }
        Set<String> topics = topicsBySymbol.get(symbol);
        boolean wantQuote = topics == null || topics.contains(Topics.QUOTES);
        boolean wantCandle = topics != null && topics.contains(Topics.CANDLES);
        if (wantQuote) {
            Quote quote = codec.quote(message, symbol, frame.receivedAt(), wantCandle, out);
            if (quote != null) {
                out.emit(quote);
            } else if (codec.reportedDrops() == 0) {
                out.problem(Disposition.warn("TickAtlas sent a quote for " + quoted(symbol)
                        + " without bid, ask or price; it was ignored"));
            }
        }
        if (wantCandle) {
            Candle candle = codec.candle(message, symbol, frame.receivedAt(), out);
            if (candle != null) {
                out.emit(candle);
            } else if (codec.reportedDrops() > 0) {
                return;
            } else if (TickAtlasCodec.hasBarFields(message)) {
                out.problem(Disposition.warn("TickAtlas sent a bar for " + quoted(symbol)
                        + " without time, open, high, low or close; no candle was made of it"));
            } else if (!barlessWarned) {
                barlessWarned = true;
                out.problem(Disposition.warn("TickAtlas sends quotes without bar fields (the flat shape) on "
                        + connectionId + ": no M1 candles can be made of them"));
            }
        }
    }

    /**
     * Acknowledges the requests for symbols that were on the wire already once no subscribe that put one of them
     * there still waits for its answer: whatever the server sends after that, those symbols are subscribed. Called
     * for every frame while such requests wait, so the {@code pong} to their ping normally does it.
     */
    private void acknowledgeShared(DecodeOutput out) {
        for (Iterator<Pending> it = pendingShared.iterator(); it.hasNext();) {
            Pending shared = it.next();
            if (shared.symbols().isEmpty()) {
                it.remove();
                continue;
            }
            boolean waiting = false;
            for (Pending pending : pendingSubscribes) {
                for (String symbol : shared.symbols()) {
                    waiting |= pending.sent().contains(symbol);
                }
            }
            if (!waiting) {
                it.remove();
                out.acknowledged(shared.topic(), List.copyOf(shared.symbols()));
            }
        }
    }

    /**
     * The answer to the oldest subscribe request; the server lists every symbol now active (or, some servers, the
     * ones the request added). Symbols of the request that were on the wire already are confirmed with it.
     */
    private void onSubscribed(WireMessage message, DecodeOutput out) {
        List<String> listed = symbolsOf(message);
        Pending batch = pendingSubscribes.pollFirst();
        if (batch != null) {
            List<String> confirmed = new ArrayList<>(batch.symbols());
            if (!listed.isEmpty()) {
                confirmed.removeIf(symbol -> batch.sent().contains(symbol) && !listed.contains(symbol));
            }
            if (!confirmed.isEmpty()) {
                // Never an empty list: the runtime would take it for "the oldest pending request of the topic".
                out.acknowledged(batch.topic(), confirmed);
            }
        } else if (!listed.isEmpty()) {
            // Unprompted: confirm whatever it names, per topic.
            for (String topic : TOPICS) {
                List<String> mine = new ArrayList<>();
                for (String symbol : listed) {
                    Set<String> topics = topicsBySymbol.get(symbol);
                    if (topics != null && topics.contains(topic)) {
                        mine.add(symbol);
                    }
                }
                if (!mine.isEmpty()) {
                    out.acknowledged(topic, mine);
                }
            }
        }
        reconcile(message, listed, out);
    }

    private void onUnsubscribed(WireMessage message, DecodeOutput out) {
        List<String> listed = symbolsOf(message);
        Pending batch = pendingUnsubscribes.pollFirst();
        String topic = batch == null ? Topics.QUOTES : batch.topic();
        out.unsubscribed(topic, listed.isEmpty() && batch != null ? batch.symbols() : listed);
        reconcile(message, List.of(), out);
    }

    /**
     * Compares the server's {@code total_subscribed} with the symbols sent on this connection, once every request
     * was answered. Fewer on the server means symbols that get no data (and, with the credit ledger, that the
     * forecast counts pushes that never come); more is not reported, since the count may be per key.
     */
    private void reconcile(WireMessage message, List<String> listed, DecodeOutput out) {
        OptionalLong total = codec.wholeLong(message.top, TOTAL_SUBSCRIBED, 0);
        if (total.isEmpty() || !pendingSubscribes.isEmpty() || !pendingUnsubscribes.isEmpty()
                || total.getAsLong() >= topicsBySymbol.size()) {
            return;
        }
        String missing = "";
        if (listed.size() == total.getAsLong()) {
            Set<String> absent = new TreeSet<>(topicsBySymbol.keySet());
            absent.removeAll(listed);
            missing = ": missing " + quoted(String.join(", ", absent));
        }
        out.problem(Disposition.warn("TickAtlas counts " + total.getAsLong() + " subscribed symbols on "
                + connectionId + " but marketfeed subscribed " + topicsBySymbol.size() + missing
                + "; those get no data"));
    }

    private void onError(WireMessage message, DecodeOutput out) {
        String code = message.errorCode();
        String said = quoted(message.errorMessage());
        String described = (said.isEmpty() ? "no message given" : said)
                + (code == null ? "" : " (code " + quoted(code) + ")");
        Optional<Disposition> connectionLevel = code == null ? Optional.empty()
                : TickAtlasErrors.forCode(code, said, maxConnections);
        if (connectionLevel.isPresent()) {
            if (code.equals(TickAtlasErrors.QUOTA_EXCEEDED)) {
                out.credits(new CreditUpdate(OptionalLong.of(0), OptionalLong.empty()));
            }
            out.problem(connectionLevel.get());
            return;
        }
        if (code != null && isSymbolLimit(code)) {
            // The runtime shards by the announced max_symbols, so this means the limit changed.
            OptionalInt maxSymbols = codec.maxSymbols(message);
            maxSymbols.ifPresent(max -> out.limits(new LimitsUpdate(OptionalInt.of(max), OptionalInt.empty(),
                    OptionalInt.empty(), "")));
            out.problem(Disposition.warn("TickAtlas refused symbols over the plan's limit on " + connectionId + ": "
                    + described));
            return;
        }
        List<String> named = namedSymbols(message);
        if (!named.isEmpty() && reject(named, described, out)) {
            return;
        }
        if (!named.isEmpty() && refused.containsAll(named)) {
            return;
        }
        if (!authenticated) {
            out.problem(Disposition.retry("TickAtlas refused the connection before authenticating it: "
                    + described));
        } else {
            out.problem(Disposition.warn("TickAtlas error on " + connectionId + ": " + described));
        }
    }

    /** Reports refused symbols per topic; false when none of them is carried here. */
    private boolean reject(List<String> named, String described, DecodeOutput out) {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (String symbol : named) {
            Set<String> topics = new LinkedHashSet<>();
            Set<String> wired = topicsBySymbol.get(symbol);
            if (wired != null) {
                topics.addAll(wired);
            }
            for (Pending pending : pendingSubscribes) {
                if (pending.symbols().contains(symbol)) {
                    topics.add(pending.topic());
                }
            }
            topics.forEach(topic -> byTopic.computeIfAbsent(topic, ignored -> new ArrayList<>()).add(symbol));
        }
        if (byTopic.isEmpty()) {
            return false;
        }
        byTopic.forEach((topic, symbols) -> {
            removeFromPending(topic, symbols, true);
            out.rejected(topic, symbols, "TickAtlas refused the subscription: " + described);
        });
        named.forEach(topicsBySymbol::remove);
        named.forEach(wire::remove);
        refused.addAll(named);
        return true;
    }

    private static boolean isSymbolLimit(String code) {
        return code.equals("symbol_limit") || code.equals("max_symbols") || code.equals("max_symbols_exceeded")
                || code.equals("too_many_symbols") || code.equals("subscription_limit");
    }

    /** The symbols an error names: its {@code symbols}, its {@code symbol}, or the list in its message. */
    private static List<String> namedSymbols(WireMessage error) {
        List<String> named = new ArrayList<>();
        for (String symbol : symbolsOf(error)) {
            String stripped = symbol.strip();
            if (!stripped.isEmpty() && !named.contains(stripped)) {
                named.add(stripped);
            }
        }
        String symbol = error.top.trimmed(SYMBOL);
        if (symbol == null) {
            symbol = error.error.trimmed(SYMBOL);
        }
        if (named.isEmpty() && symbol != null) {
            named.add(symbol);
        }
        String said = error.errorMessage();
        if (named.isEmpty() && said != null) {
            named.addAll(TickAtlasText.namedSymbols(said));
        }
        return named;
    }

    /**
     * @param dropEmpty whether a request left without symbols is forgotten: a request the server refused entirely
     *     gets no {@code subscribed}, so it must leave the queue to keep it aligned with the answers
     */
    private void removeFromPending(String topic, List<String> symbols, boolean dropEmpty) {
        for (Iterator<Pending> it = pendingSubscribes.iterator(); it.hasNext();) {
            Pending pending = it.next();
            if (pending.topic().equals(topic)) {
                pending.symbols().removeAll(symbols);
                if (dropEmpty && pending.symbols().isEmpty()) {
                    it.remove();
                }
            }
        }
        // No answer is counted on for these (a pong answers pings, not requests): emptied ones just go.
        for (Iterator<Pending> it = pendingShared.iterator(); it.hasNext();) {
            Pending pending = it.next();
            if (pending.topic().equals(topic)) {
                pending.symbols().removeAll(symbols);
                if (pending.symbols().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private static List<String> symbolsOf(WireMessage message) {
        return message.symbols == null ? List.of() : List.copyOf(message.symbols);
    }

    private String quoted(String text) {
        return TickAtlasText.quoted(text, key);
    }
}

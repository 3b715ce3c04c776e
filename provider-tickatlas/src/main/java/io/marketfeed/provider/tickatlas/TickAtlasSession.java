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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One connection to TickAtlas: encodes requests, decodes the server's messages into events, acknowledgements and
 * problems. What it takes to read TickAtlas's id-less replies is kept in {@link TickAtlasRequests}; connection-level
 * errors are classified by {@link TickAtlasDispositions}. Every {@code quote} push carries the bid/ask and the M1
 * bar, so the session emits a {@link Quote} and/or a {@link Candle} per push as the topics of the symbol ask. It
 * also remembers whether {@code authenticated} was seen (an unknown error before it ends the attempt). Server text
 * is passed on as sent: the runtime masks credentials in it.
 *
 * <p>Not thread safe: the runtime calls a session serially, never concurrently (see {@link ProtocolSession}).
 * {@link #decode} never throws; anything it cannot use is reported as a warning and the socket stays open.
 */
final class TickAtlasSession implements ProtocolSession {

    private final Secret key;
    private final String connectionId;
    private final long declaredCostPerPush;
    private final TickAtlasRequests requests = new TickAtlasRequests();
    private final TickAtlasFrameReader reader = new TickAtlasFrameReader();
    private final TickAtlasCodec codec = new TickAtlasCodec();
    private boolean authenticated;
    private boolean barlessWarned;

    /** @param declaredCostPerPush what marketfeed counts a push as, compared with the server's figure */
    TickAtlasSession(Secret key, String connectionId, long declaredCostPerPush) {
        this.key = key;
        this.connectionId = connectionId;
        this.declaredCostPerPush = declaredCostPerPush;
    }

    @Override
    public Optional<OutboundFrame> authMessage() {
        return Optional.of(TickAtlasCodec.auth(key));
    }

    /** Sends a {@code ping} instead when every symbol is on the wire already: see {@link TickAtlasRequests}. */
    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        return requests.subscribe(topic, symbols);
    }

    /** Empty when the other topic still wants every one of the symbols: see {@link TickAtlasRequests}. */
    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        return requests.unsubscribe(topic, symbols);
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
        TickAtlasMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("TickAtlas sent a frame on " + connectionId + " that could not be parsed ("
                    + JsonFrames.reason(e) + "); it was ignored"));
            return;
        }
        try {
            dispatch(message, frame, out);
        } catch (RuntimeException e) {
            // A bug of ours, not the server's; the frame is lost but the connection is fine.
            out.problem(Disposition.warn("could not translate a TickAtlas '" + codec.type(message) + "' message: "
                    + e));
        }
    }

    private void dispatch(TickAtlasMessage message, InboundFrame frame, DecodeOutput out) {
        requests.acknowledgeShared(out);
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
                requests.subscribed(message.symbolList(), out);
                reconcile(message, message.symbolList(), out);
                requests.acknowledgeShared(out);
                break;
            case "unsubscribed":
                requests.unsubscribed(message.symbolList(), out);
                reconcile(message, List.of(), out);
                break;
            case "heartbeat":
            case "pong":
                out.heartbeat();
                break;
            case "error": onError(message, out); return;
            default:
                out.problem(Disposition.warn("TickAtlas sent a message of unknown type '" + type + "' on "
                        + connectionId + "; it was ignored"));
                return;
        }
        // Not documented on these messages, but taken when present: the runtime's ledger is only better for it.
        Optional<CreditUpdate> credits = codec.credits(message);
        if (credits.isPresent()) {
            out.credits(credits.get());
        }
    }

    private void onAuthenticated(TickAtlasMessage message, DecodeOutput out) {
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
                    + (plan == null ? "" : " (plan " + plan + ")") + ", but marketfeed counts "
                    + declaredCostPerPush + ": set " + planHint + TickAtlasConfigKeys.COST_PER_PUSH_PATH + " = "
                    + cost.getAsLong() + " so that the credit forecast is right"));
        }
        OptionalLong remaining = credits.map(CreditUpdate::remaining).orElse(OptionalLong.empty());
        if (remaining.isPresent() && remaining.getAsLong() == 0) {
            out.problem(TickAtlasDispositions.quotaExceeded("daily_quota_remaining is 0"));
        }
    }

    /**
     * A push: a quote for the quotes topic and the bar as an M1 candle for the candles topic, as the symbol's
     * topics on this connection ask. A symbol this connection does not carry gets a quote, so that the runtime
     * notices the unwanted data and unsubscribes it.
     */
    private void onQuote(TickAtlasMessage message, InboundFrame frame, DecodeOutput out) {
        String symbol = codec.quoteSymbol(message);
        if (symbol == null) {
            TextFields<TickAtlasField> sent = message.sentIn(SYMBOL);
            if (sent != null) {
                sent.report(SYMBOL, "symbol", true, out);
            } else {
                out.problem(Disposition.warn("TickAtlas sent a quote without a symbol on " + connectionId
                        + "; it was ignored"));
            }
            return;
        }
        Set<String> topics = requests.topicsOf(symbol);
        boolean wantQuote = topics == null || topics.contains(Topics.QUOTES);
        boolean wantCandle = topics != null && topics.contains(Topics.CANDLES);
        if (wantQuote) {
            Quote quote = codec.quote(message, symbol, frame.receivedAt(), wantCandle, out);
            if (quote != null) {
                out.emit(quote);
            } else if (codec.reportedDrops() == 0) {
                out.problem(Disposition.warn("TickAtlas sent a quote for " + symbol
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
                out.problem(Disposition.warn("TickAtlas sent a bar for " + symbol
                        + " without time, open, high, low or close; no candle was made of it"));
            } else if (!barlessWarned) {
                barlessWarned = true;
                out.problem(Disposition.warn("TickAtlas sends quotes without bar fields (the flat shape) on "
                        + connectionId + ": no M1 candles can be made of them"));
            }
        }
    }

    /** {@link TickAtlasRequests#reconcile} with the answer's {@code total_subscribed}. */
    private void reconcile(TickAtlasMessage message, List<String> listed, DecodeOutput out) {
        requests.reconcile(codec.wholeLong(message.top, TOTAL_SUBSCRIBED), listed, connectionId, out);
    }

    /**
     * An error: a connection-level code as {@link TickAtlasDispositions} classifies it; the plan's symbol limit;
     * symbols refused (the ones it names that this connection carries or asked for); else a warning, or, before
     * {@code authenticated}, the end of the attempt.
     */
    private void onError(TickAtlasMessage message, DecodeOutput out) {
        String code = message.errorCode();
        String said = Objects.requireNonNullElse(message.errorMessage(), "");
        String described = (said.isEmpty() ? "no message given" : said) + (code == null ? "" : " (code " + code + ")");
        Optional<Disposition> connectionLevel = TickAtlasDispositions.forCode(code, said);
        if (connectionLevel.isPresent()) {
            if (code.equals(TickAtlasDispositions.QUOTA_EXCEEDED)) {
                out.credits(new CreditUpdate(OptionalLong.of(0), OptionalLong.empty()));
            }
            out.problem(connectionLevel.get());
            return;
        }
        if (code != null && TickAtlasDispositions.isSymbolLimit(code)) {
            // The runtime shards by the announced max_symbols, so this means the limit changed.
            OptionalInt maxSymbols = codec.maxSymbols(message);
            maxSymbols.ifPresent(max -> out.limits(new LimitsUpdate(OptionalInt.of(max), OptionalInt.empty(),
                    OptionalInt.empty(), "")));
            out.problem(Disposition.warn("TickAtlas refused symbols over the plan's limit on " + connectionId + ": "
                    + described));
            return;
        }
        List<String> named = message.namedSymbols();
        if (!named.isEmpty() && (requests.reject(named, described, out) || requests.allRefused(named))) {
            return;
        }
        if (!authenticated) {
            out.problem(Disposition.retry("TickAtlas refused the connection before authenticating it: "
                    + described));
        } else {
            out.problem(Disposition.warn("TickAtlas error on " + connectionId + ": " + described));
        }
    }
}

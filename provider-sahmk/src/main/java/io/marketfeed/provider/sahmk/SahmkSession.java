package io.marketfeed.provider.sahmk;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.toolkit.JsonFrames;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One connection to one SAHMK channel. Besides encoding and decoding it remembers what it takes to read
 * SAHMK's {@code error} messages, which carry no request id: whether {@code connected} was seen (an error
 * before it is a refused connection) and which subscribe batches are still unacknowledged (to tell a refused
 * {@code *} or a refused symbol from a general complaint).
 *
 * <p>Not thread safe: the runtime calls a session serially, never concurrently (see {@link ProtocolSession}).
 * {@link #decode} never throws; anything it cannot use is reported as a warning and the socket stays open. Server
 * text is quoted as sent: the runtime masks credentials in it and caps its length.
 */
final class SahmkSession implements ProtocolSession {

    private final SahmkChannel channel;
    private final List<String> fallbackSymbols;
    private final OptionalInt levels;
    /** Subscribe batches sent and not yet acknowledged, oldest first; SAHMK acknowledges in order. */
    private final Deque<List<String>> pending = new ArrayDeque<>();
    private final SahmkFrameReader reader = new SahmkFrameReader();
    private final SahmkCodec codec = new SahmkCodec();
    private boolean connected;
    private boolean subscribeSent;

    SahmkSession(SahmkChannel channel, List<String> fallbackSymbols, int depthLevels) {
        this.channel = channel;
        this.fallbackSymbols = List.copyOf(fallbackSymbols);
        this.levels = channel == SahmkChannel.DEPTH ? OptionalInt.of(depthLevels) : OptionalInt.empty();
    }

    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        pending.addLast(new ArrayList<>(symbols));
        subscribeSent = true;
        return SahmkCodec.subscribe(symbols, levels);
    }

    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        return Optional.of(SahmkCodec.unsubscribe(symbols));
    }

    @Override
    public Optional<OutboundFrame> heartbeat() {
        return Optional.of(SahmkCodec.PING);
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        if (!frame.isText()) {
            out.problem(Disposition.warn("SAHMK sent a binary frame of " + frame.length()
                    + " bytes on " + channel.endpointId() + "; it was ignored"));
            return;
        }
        SahmkMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("SAHMK sent a frame on " + channel.endpointId()
                    + " that could not be parsed (" + JsonFrames.reason(e) + "); it was ignored"));
            return;
        }
        try {
            dispatch(message, frame, out);
        } catch (RuntimeException e) {
            // A bug of ours, not the server's; the frame is lost but the connection is fine.
            out.problem(Disposition.warn("could not translate a SAHMK '" + codec.type(message) + "' message: " + e));
        }
    }

    private void dispatch(SahmkMessage message, InboundFrame frame, DecodeOutput out) {
        String type = codec.type(message);
        if (type == null) {
            out.problem(Disposition.warn("SAHMK sent a message without a type on " + channel.endpointId()
                    + "; it was ignored"));
            return;
        }
        switch (type) {
            case "connected": onConnected(message, out); break;
            case "subscribed": onSubscribed(message, out); break;
            case "unsubscribed": out.unsubscribed(channel.topic(), message.symbolList()); break;
            case "quote": codec.quote(message, frame.receivedAt(), out); break;
            case "depth_snapshot": codec.book(message, frame.receivedAt(), out); break;
            case "trades_snapshot": codec.tradesSnapshot(message, frame.receivedAt(), out); break;
            case "trade": codec.trade(message, frame.receivedAt(), out); break;
            case "pong": out.heartbeat(); break;
            case "error": onError(message, out); break;
            default:
                out.problem(Disposition.warn("SAHMK sent a message of unknown type '" + type + "' on "
                        + channel.endpointId() + "; it was ignored"));
        }
    }

    private void onConnected(SahmkMessage message, DecodeOutput out) {
        connected = true;
        codec.limits(message).ifPresent(out::limits);
        out.ready();
    }

    /** An acknowledgement without symbols is taken to be for the oldest batch, which it is in practice. */
    private void onSubscribed(SahmkMessage message, DecodeOutput out) {
        List<String> acknowledged = message.symbolList();
        List<String> batch = takeBatch(acknowledged);
        if (acknowledged.isEmpty() && batch != null) {
            acknowledged = List.copyOf(batch);
        }
        out.acknowledged(channel.topic(), acknowledged);
    }

    private void onError(SahmkMessage message, DecodeOutput out) {
        String said = message.top.trimmed(SahmkField.MESSAGE);
        String code = message.top.trimmed(SahmkField.CODE);
        String described = (said == null ? "no message given" : said) + (code == null ? "" : " (code " + code + ")");
        if (!connected && !subscribeSent) {
            // Sent in place of connected: the SDK never retries this, and neither do we.
            out.problem(SahmkDispositions.connectRefused(described));
            return;
        }
        List<String> named = message.namedSymbols();
        boolean aboutWholeMarket = named.isEmpty() || named.contains(SahmkSymbols.WHOLE_MARKET);
        if (aboutWholeMarket && removeFromPending(List.of(SahmkSymbols.WHOLE_MARKET))) {
            out.substitute(channel.topic(), SahmkSymbols.WHOLE_MARKET, fallbackSymbols, wholeMarketRefused(described));
        } else if (!named.isEmpty()) {
            removeFromPending(named);
            out.rejected(channel.topic(), named, "SAHMK refused the subscription: " + described);
        } else {
            out.problem(Disposition.warn("SAHMK error: " + described));
        }
    }

    private String wholeMarketRefused(String described) {
        String instead = fallbackSymbols.isEmpty()
                ? "; set marketfeed.providers.sahmk.fallback-symbols to subscribe to an explicit list instead"
                : "; subscribing to the " + fallbackSymbols.size() + " fallback-symbols instead";
        return "SAHMK refused the whole-market subscription (*, Enterprise only): " + described + instead;
    }

    /** The batch an acknowledgement is for: the oldest sharing a symbol with it, else the oldest. */
    private List<String> takeBatch(List<String> acknowledged) {
        for (Iterator<List<String>> it = pending.iterator(); it.hasNext();) {
            List<String> batch = it.next();
            if (acknowledged.stream().anyMatch(batch::contains)) {
                it.remove();
                return batch;
            }
        }
        return pending.pollFirst();
    }

    /** Removes refused symbols from their pending batches; whether any was pending. */
    private boolean removeFromPending(List<String> symbols) {
        boolean found = false;
        for (Iterator<List<String>> it = pending.iterator(); it.hasNext();) {
            List<String> batch = it.next();
            found |= batch.removeAll(symbols);
            if (batch.isEmpty()) {
                it.remove();
            }
        }
        return found;
    }
}

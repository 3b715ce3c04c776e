package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.JsonFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One connection to one AllTick endpoint. Every request gets the next {@code seq_id} and a trace unique to it;
 * responses are matched back to their request by {@code seq_id} and trace, which is what gives a {@code ret}
 * its meaning: a {@code 600} answers one particular list, a {@code 200} to {@code 22004} confirms it.
 *
 * <p>Besides the requests in flight it remembers the last list AllTick accepted per topic (to tell which codes
 * of a refused list are new, and so suspect) and watches acknowledged lists for codes that are silently not
 * served ({@link NotServedCodes}).
 *
 * <p>Not thread safe: the runtime calls a session serially, never concurrently (see {@link ProtocolSession}).
 * {@link #decode} never throws; anything it cannot use is reported as a warning and the socket stays open.
 */
final class AlltickSession implements ProtocolSession {

    /** Requests whose answer never came are forgotten beyond this many (heartbeats, mostly). */
    private static final int MAX_PENDING = 256;

    private final AlltickChannel channel;
    private final int depthLevels;
    private final String tracePrefix;
    private final Duration reconnectGap;
    private final NotServedCodes notServed;
    /** What decoding reuses from frame to frame: the parser and message, the decimal reader and interned codes. */
    private final AlltickFrameReader reader = new AlltickFrameReader();
    private final AlltickCodec codec = new AlltickCodec();
    /**
     * Requests sent and not answered, oldest first; beyond {@link #MAX_PENDING} the oldest is forgotten. A list,
     * searched by index: it holds a few requests, and matching a response (a heartbeat's, every 10 s) by its
     * {@code seq_id} then allocates nothing (a map keyed by {@code Long} would box it).
     */
    private final List<Request> pending = new ArrayList<>();
    /** The list AllTick last accepted per topic on this connection. */
    private final Map<String, List<String>> accepted = new HashMap<>();
    private long nextSeqId = 1;

    /** A request as sent. */
    record Request(long seqId, String trace, int cmdId, String topic, List<String> codes) {

        boolean isSubscribe() {
            return cmdId == AlltickCodec.SUBSCRIBE_TRADES || cmdId == AlltickCodec.SUBSCRIBE_DEPTH;
        }

        /** For messages: {@code the trade list (22004) of 3 codes}. */
        String describe() {
            switch (cmdId) {
                case AlltickCodec.HEARTBEAT: return "a heartbeat (22000)";
                case AlltickCodec.CANCEL: return "the cancellation (22006) of the " + kind(topic) + " list";
                default: return "the " + kind(topic) + " list (" + cmdId + ") of " + codes.size() + " code"
                        + (codes.size() == 1 ? "" : "s");
            }
        }

        private static String kind(String topic) {
            return topic.equals(Topics.BOOK) ? "order-book" : "trade";
        }
    }

    /**
     * @param tracePrefix unique to this session, so that every trace is unique across connections and runs
     * @param reconnectGap the least delay before reconnecting after {@code 606}
     */
    AlltickSession(AlltickChannel channel, int depthLevels, String tracePrefix, Duration reconnectGap,
            NotServedCodes notServed) {
        this.channel = channel;
        this.depthLevels = depthLevels;
        this.tracePrefix = tracePrefix;
        this.reconnectGap = reconnectGap;
        this.notServed = notServed;
    }

    /** The whole list of {@code topic} on this connection: {@code 22004} for trades, {@code 22002} for books. */
    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        Request request = request(subscribeCommand(topic), topic, symbols);
        return request.cmdId() == AlltickCodec.SUBSCRIBE_TRADES
                ? AlltickCodec.subscribeTrades(request.seqId(), request.trace(), request.codes())
                : AlltickCodec.subscribeDepth(request.seqId(), request.trace(), request.codes(), depthLevels);
    }

    /** Called when the topic's list becomes empty: {@code 22006} cancels that list only. */
    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        int cancelType = subscribeCommand(topic) == AlltickCodec.SUBSCRIBE_TRADES
                ? AlltickCodec.CANCEL_TRADES : AlltickCodec.CANCEL_DEPTH;
        Request request = request(AlltickCodec.CANCEL, topic, symbols);
        return Optional.of(AlltickCodec.cancel(request.seqId(), request.trace(), cancelType));
    }

    @Override
    public Optional<OutboundFrame> heartbeat() {
        Request request = request(AlltickCodec.HEARTBEAT, "", List.of());
        return Optional.of(AlltickCodec.heartbeat(request.seqId(), request.trace()));
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        if (!frame.isText()) {
            out.problem(Disposition.warn("AllTick sent a binary frame of " + frame.length() + " bytes on the "
                    + channel.endpointId() + " endpoint; it was ignored"));
            return;
        }
        AlltickMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("AllTick sent a frame on the " + channel.endpointId()
                    + " endpoint that could not be parsed (" + JsonFrames.reason(e)
                    + "); it was ignored"));
            return;
        }
        try {
            if (message.isResponse()) {
                onResponse(message, frame, out);
            } else {
                onPush(message, frame, out);
            }
        } catch (RuntimeException e) {
            // A bug of ours, not the server's; the frame is lost but the connection is fine.
            out.problem(Disposition.warn("could not translate an AllTick frame with cmd_id "
                    + message.top.text(AlltickField.CMD_ID) + ": " + e));
        }
        notServed.check(frame.receivedAt(), out);
    }

    // ---------------------------------------------------------------- pushes

    private void onPush(AlltickMessage message, InboundFrame frame, DecodeOutput out) {
        if (!message.cmdId.isValid()) {
            out.problem(Disposition.warn("AllTick sent a frame without a cmd_id on the " + channel.endpointId()
                    + " endpoint; it was ignored"));
            return;
        }
        int cmdId = message.cmdId.intValue();
        switch (cmdId) {
            case AlltickCodec.PUSH_TRADE: {
                String code = delivered(Topics.TRADES, message);
                codec.trade(message, code, frame.receivedAt(), out);
                break;
            }
            case AlltickCodec.PUSH_DEPTH: {
                String code = delivered(Topics.BOOK, message);
                codec.book(message, code, frame.receivedAt(), out);
                break;
            }
            case AlltickCodec.HEARTBEAT_RESPONSE:
                out.heartbeat();
                break;
            default:
                out.problem(Disposition.warn("AllTick sent a frame with unknown cmd_id " + cmdId
                        + " on the " + channel.endpointId() + " endpoint; it was ignored"));
        }
    }

    /** Notes that the push's code delivered on {@code topic}; returns the code (interned), null when it has none. */
    private String delivered(String topic, AlltickMessage message) {
        String code = codec.code(message);
        if (code != null) {
            notServed.delivered(topic, code);
        }
        return code;
    }

    // ---------------------------------------------------------------- responses

    private void onResponse(AlltickMessage message, InboundFrame frame, DecodeOutput out) {
        Request request = match(message);
        if (!message.ret.isValid()) {
            out.problem(Disposition.warn("AllTick sent a response with ret "
                    + message.top.text(AlltickField.RET) + ", which is not a number"
                    + (request == null ? "" : ", to " + request.describe())));
            return;
        }
        int ret = message.ret.intValue();
        if (ret == 200) {
            succeeded(request, message, frame, out);
            return;
        }
        String said = AlltickDispositions.said(message.top.text(AlltickField.MSG));
        String what = request == null ? "a request" : request.describe();
        switch (ret) {
            case 401: out.problem(AlltickDispositions.tokenRefused(said)); break;
            case 600: case 604: codesRefused(ret, said, request, message, out); break;
            case 603: listTooLong(said, request, out); break;
            case 429: case 605: out.problem(AlltickDispositions.rateLimited(ret, said)); break;
            case 606: out.problem(AlltickDispositions.tooManyRequests(said, reconnectGap)); break;
            case 201: case 400: case 601: out.problem(AlltickDispositions.malformed(ret, said, what)); break;
            default: out.problem(AlltickDispositions.unexpected(ret, said, what));
        }
    }

    /** The request a response answers: by {@code seq_id} when its trace agrees, else by trace alone. */
    private Request match(AlltickMessage message) {
        if (message.seqId.isValid()) {
            long seqId = message.seqId.value();
            for (int i = 0; i < pending.size(); i++) {
                Request candidate = pending.get(i);
                if (candidate.seqId() == seqId) {
                    // seq_ids are unique among the requests kept: at most one candidate.
                    if (!message.hasTrace() || message.traceIs(candidate.trace())) {
                        return pending.remove(i);
                    }
                    break;
                }
            }
        }
        if (message.hasTrace()) {
            for (int i = 0; i < pending.size(); i++) {
                if (message.traceIs(pending.get(i).trace())) {
                    return pending.remove(i);
                }
            }
        }
        return null;
    }

    private void succeeded(Request request, AlltickMessage message, InboundFrame frame, DecodeOutput out) {
        if (request == null) {
            // Unmatched (a response to a request this session did not send, or one forgotten): use its cmd_id.
            int cmd = message.cmdId.isValid() ? message.cmdId.intValue() : 0;
            if (cmd == AlltickCodec.HEARTBEAT_RESPONSE) {
                out.heartbeat();
            } else if (cmd == AlltickCodec.SUBSCRIBE_TRADES_RESPONSE) {
                out.acknowledged(Topics.TRADES, List.of());
            } else if (cmd == AlltickCodec.SUBSCRIBE_DEPTH_RESPONSE) {
                out.acknowledged(Topics.BOOK, List.of());
            }
            return;
        }
        switch (request.cmdId()) {
            case AlltickCodec.HEARTBEAT:
                out.heartbeat();
                break;
            case AlltickCodec.CANCEL:
                accepted.remove(request.topic());
                notServed.cancelled(request.topic());
                out.unsubscribed(request.topic(), request.codes());
                break;
            default:
                accepted.put(request.topic(), request.codes());
                notServed.acknowledged(request.topic(), request.codes(), frame.receivedAt());
                out.acknowledged(request.topic(), request.codes());
        }
    }

    /**
     * {@code 600 code invalid} or {@code 604 code unauthorized}: the list was refused for some code in it. The
     * response may name the codes; when it does not (the documented case), the suspects are the codes the
     * refused list adds to the last one AllTick accepted, since those were fine before.
     */
    private void codesRefused(int ret, String said, Request request, AlltickMessage message, DecodeOutput out) {
        if (request == null || !request.isSubscribe()) {
            out.problem(AlltickDispositions.unexpected(ret, said, request == null ? "a request" : request.describe()));
            return;
        }
        List<String> named = new ArrayList<>(message.namedCodes());
        named.retainAll(request.codes());
        boolean exact = !named.isEmpty();
        List<String> suspects = exact ? named : new ArrayList<>(request.codes());
        if (!exact) {
            suspects.removeAll(accepted.getOrDefault(request.topic(), List.of()));
        }
        if (suspects.isEmpty()) {
            out.problem(Disposition.warn("AllTick refused " + request.describe() + " (ret " + ret + said
                    + "), but it accepted every code in it before; nothing is dropped"));
            return;
        }
        String reason = (ret == 600
                ? "ret 600" + said + ": not an AllTick code, or a code of the other endpoint (this is the "
                        + channel.endpointId() + " endpoint, for " + channel.serves() + "; a route in "
                        + "marketfeed.providers.alltick.routes sends a code to the other one)"
                : "ret 604" + said + ": the token's plan does not include it")
                + (exact || suspects.size() == 1 ? "" : "; AllTick does not say which code, so all " + suspects.size()
                        + " codes new in the refused list are dropped");
        out.rejected(request.topic(), suspects, reason);
        // A refused list is not applied: AllTick still holds the last list it accepted. When that differs from the
        // refused list without the dropped codes (the list also removed codes, or the named code was not the only
        // new one), the rest is sent again.
        List<String> rest = new ArrayList<>(request.codes());
        rest.removeAll(suspects);
        if (!new HashSet<>(rest).equals(new HashSet<>(accepted.getOrDefault(request.topic(), List.of())))) {
            out.notApplied(request.topic(), rest, "AllTick applies no part of a refused list (ret " + ret + said
                    + "); the list without the refused codes goes again");
        }
    }

    /**
     * {@code 603 token level not enough}: the list is longer than the token's plan allows. The connection limit
     * drops to the largest plan limit below the list's length, and the list was not applied: the runtime sends it
     * again within the new limit, moving the excess to another connection (when the plan allows more) or reporting
     * it as waiting for room.
     */
    private void listTooLong(String said, Request request, DecodeOutput out) {
        if (request == null || !request.isSubscribe()) {
            out.problem(AlltickDispositions.unexpected(603, said, request == null ? "a request" : request.describe()));
            return;
        }
        int size = request.codes().size();
        int limit = -1;
        for (int candidate : AlltickPlan.codeLimits()) {
            if (candidate < size) {
                limit = candidate;
            }
        }
        if (limit < 0) {
            out.rejected(request.topic(), request.codes(), "ret 603" + said + ": the token's plan does not allow even "
                    + size + " code" + (size == 1 ? "" : "s") + " on a connection");
            return;
        }
        out.limits(new LimitsUpdate(OptionalInt.of(limit), OptionalInt.of(limit), OptionalInt.empty(), ""));
        out.notApplied(request.topic(), request.codes(), "ret 603" + said + ": the list is too long for the token's "
                + "plan; at most " + limit + " codes per connection on the " + channel.endpointId() + " endpoint from "
                + "now on. Set marketfeed.providers.alltick.plan to the token's plan so that the limit is known from "
                + "the start");
    }

    // ---------------------------------------------------------------- helpers

    private Request request(int cmdId, String topic, List<String> codes) {
        long seqId = nextSeqId;
        // seq_id is a uint32 on the wire.
        nextSeqId = seqId == 0xFFFF_FFFFL ? 1 : seqId + 1;
        Request request = new Request(seqId, tracePrefix + seqId, cmdId, topic, List.copyOf(codes));
        pending.add(request);
        if (pending.size() > MAX_PENDING) {
            pending.remove(0);
        }
        return request;
    }

    private static int subscribeCommand(String topic) {
        switch (topic) {
            case Topics.TRADES: return AlltickCodec.SUBSCRIBE_TRADES;
            case Topics.BOOK: return AlltickCodec.SUBSCRIBE_DEPTH;
            default: throw new IllegalArgumentException("AllTick has no topic '" + topic + "'; it serves "
                    + Topics.TRADES + " and " + Topics.BOOK);
        }
    }
}

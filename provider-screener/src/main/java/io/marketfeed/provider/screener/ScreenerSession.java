package io.marketfeed.provider.screener;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.MarketStatus;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection to a Screener server. Replies carry no request id, so the session keeps:
 * <ul>
 * <li>what is on the wire per {@code subscription_type}: one {@code stock} subscription serves both the
 * {@code quotes} and {@code book} topics of a code, so the second topic's request for codes already on the wire
 * is sent as a {@code ping} whose (batched, in-order) {@code pong} acknowledges it: no target is ever sent
 * twice (the server counts duplicates against its 100-per-connection limit);</li>
 * <li>the requests not yet answered, oldest first. Acks and solicited pongs are batched and answered in order;
 * errors are sent at once, which is why {@code limits.min-control-gap} defaults to 100 ms (a flush is 30 ms);</li>
 * <li>the server session id when a server disclosed one (a docs-shaped {@code connected} message; the shipped
 * server never does), to restore it on the next attempt.</li>
 * </ul>
 * Sequence numbers come from one server-wide counter: a jump is normal and never reported as loss.
 *
 * <p>Not thread safe: the runtime calls a session serially. {@link #decode} never throws.
 */
final class ScreenerSession implements ProtocolSession {

    private static final Pattern MAX_IN_TEXT = Pattern.compile("(?i)max(?:imum)?[^0-9]{0,20}(\\d{1,6})");

    private enum Kind { SUBSCRIBE, UNSUBSCRIBE, PING, REFRESH }

    /**
     * One request awaiting its answer.
     *
     * @param topic the runtime topic (null for a heartbeat ping or a refresh)
     * @param symbols what the runtime asked for
     * @param type the wire subscription type
     * @param wire the targets actually sent (a subset of symbols; empty for a ping)
     */
    private record Pending(Kind kind, String topic, List<String> symbols, String type, List<String> wire) {
    }

    private final ScreenerProtocol protocol;
    private final ScreenerSettings settings;
    private final String connectionId;
    /** Stock code → the topics (quotes, book) that want it on this connection. */
    private final Map<String, Set<String>> topicsByStock = new LinkedHashMap<>();
    /** Subscription type → targets sent on this connection (and not refused or unsubscribed). */
    private final Map<String, Set<String>> wire = new LinkedHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ScreenerCodec codec = new ScreenerCodec();
    /** The server session to restore on this attempt, or null. */
    private final String restoring;
    /** What the previous attempt had on the wire, copied: the session itself is never kept (no chain of them). */
    private final Carried previous;
    private boolean awaitingRestore;
    /** A server session id the server disclosed on this connection (docs-shaped servers). */
    private String sessionId;
    private Instant lastFrameAt;
    private boolean strippedWarned;
    private boolean genericErrorWarned;

    ScreenerSession(ScreenerProtocol protocol, String connectionId, ScreenerSession previous) {
        this.protocol = protocol;
        this.settings = protocol.settings();
        this.connectionId = connectionId;
        this.previous = previous == null ? null : new Carried(copy(previous.wire), copy(previous.topicsByStock));
        this.restoring = settings.sessionRestore() && previous != null ? previous.sessionId : null;
    }

    /** The previous attempt's subscriptions by target type, and the topics of each stock: what a restore brings back. */
    private record Carried(Map<String, Set<String>> wire, Map<String, Set<String>> topicsByStock) {
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        map.forEach((key, values) -> copy.put(key, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values))));
        return copy;
    }

    /** The server session id disclosed on this connection, if any. */
    Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
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
        String type = ScreenerCodec.subscriptionType(topic);
        if (type.equals(ScreenerCodec.TYPE_STOCK)) {
            symbols.forEach(symbol -> topicsByStock.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(topic));
        }
        Set<String> onWire = wire.computeIfAbsent(type, k -> new LinkedHashSet<>());
        List<String> fresh = new ArrayList<>();
        for (String symbol : symbols) {
            if (!onWire.contains(symbol)) {
                fresh.add(symbol);
            }
        }
        if (fresh.isEmpty()) {
            pending.addLast(new Pending(Kind.PING, topic, List.copyOf(symbols), type, List.of()));
            return ScreenerCodec.PING;
        }
        onWire.addAll(fresh);
        pending.addLast(new Pending(Kind.SUBSCRIBE, topic, List.copyOf(symbols), type, List.copyOf(fresh)));
        return ScreenerCodec.subscribe(type, fresh);
    }

    /** Unsubscribes on the wire only targets no other topic still wants. */
    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        String type = ScreenerCodec.subscriptionType(topic);
        Set<String> onWire = wire.computeIfAbsent(type, k -> new LinkedHashSet<>());
        List<String> leaving = new ArrayList<>();
        for (String symbol : symbols) {
            if (type.equals(ScreenerCodec.TYPE_STOCK)) {
                Set<String> topics = topicsByStock.get(symbol);
                if (topics != null) {
                    topics.remove(topic);
                    if (!topics.isEmpty()) {
                        continue;
                    }
                    topicsByStock.remove(symbol);
                }
            }
            if (onWire.remove(symbol)) {
                leaving.add(symbol);
            }
        }
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        pending.addLast(new Pending(Kind.UNSUBSCRIBE, topic, List.copyOf(symbols), type, List.copyOf(leaving)));
        return Optional.of(ScreenerCodec.unsubscribe(type, leaving));
    }

    /**
     * The client heartbeat timer, on when {@code heartbeat.client-ping} is set or a refresh token is configured:
     * a {@code refresh_token} request when the access token is due (one connection claims it), otherwise a
     * {@code ping} if pinging is configured.
     */
    @Override
    public Optional<OutboundFrame> heartbeat() {
        if (protocol.tokens().claimRefresh()) {
            pending.addLast(new Pending(Kind.REFRESH, null, List.of(), "", List.of()));
            return Optional.of(ScreenerCodec.refreshToken(protocol.tokens().refreshToken().orElseThrow()));
        }
        if (settings.clientPingConfigured()) {
            pending.addLast(new Pending(Kind.PING, null, List.of(), "", List.of()));
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
        handle(message, frame, before, out, false);
    }

    private void handle(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out,
            boolean inBatch) {
        String type = codec.type(message);
        if (type == null) {
            out.problem(Disposition.warn("Screener sent a message without a type on " + connectionId
                    + "; it was ignored"));
            return;
        }
        try {
            switch (type) {
                case "batch": onBatch(message, frame, before, out, inBatch); break;
                case "price_update": onPrice(message, frame, out); break;
                case "orderbook_update": onBook(message, frame, out); break;
                case "market_status": onMarketStatus(message, frame, out); break;
                case "alert": out.emit(codec.alert(message, frame.receivedAt(), out)); break;
                case "notification": onNotification(message, frame, out); break;
                case "subscribed": onSubscribed(message, out); break;
                case "unsubscribed": onUnsubscribed(out); break;
                case "pong": onPong(message, out); break;
                case "ping": out.heartbeat(); break;
                case "error": onError(message, frame, before, out); break;
                case "reconnected": onReconnected(message, out); break;
                case "token_refreshed": onTokenRefreshed(message, out); break;
                case "connected": onConnected(message); break;
                case "fallback_to_rest":
                    out.problem(Disposition.warn("Screener asked " + connectionId + " to fall back to REST ("
                            + message.trimmed(ScreenerField.REASON) + "); streaming continues"));
                    break;
                default:
                    out.problem(Disposition.warn("Screener sent a message of unknown type '" + type + "' on "
                            + connectionId + "; it was ignored"));
            }
        } catch (RuntimeException e) {
            out.problem(Disposition.warn("could not translate a Screener '" + type + "' message: " + e));
        }
    }

    private void onBatch(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out,
            boolean inBatch) {
        if (!message.hasMessages()) {
            out.problem(Disposition.warn("Screener sent a batch without messages on " + connectionId));
            return;
        }
        for (int i = 0; i < message.messageCount(); i++) {
            handle(message.message(i), frame, before, out, true);
        }
    }

    private void onPrice(ScreenerMessage message, InboundFrame frame, DecodeOutput out) {
        String symbol = codec.stockCode(message);
        if (symbol == null) {
            if (!codec.badStockCode(message, out)) {
                warnStripped("price_update", out);
            }
            return;
        }
        if (wanted(symbol, Topics.QUOTES)) {
            out.emit(codec.quote(message, symbol, frame.receivedAt(), out));
        }
    }

    private void onBook(ScreenerMessage message, InboundFrame frame, DecodeOutput out) {
        String symbol = codec.stockCode(message);
        if (symbol == null) {
            if (!codec.badStockCode(message, out)) {
                warnStripped("orderbook_update", out);
            }
            return;
        }
        if (wanted(symbol, Topics.BOOK)) {
            out.emit(codec.book(message, symbol, frame.receivedAt(), out));
        }
    }

    /**
     * Whether to emit data of this topic: when the code's topics here want it, or when the code is unknown here
     * (then the runtime sees unwanted data and unsubscribes it).
     */
    private boolean wanted(String symbol, String topic) {
        Set<String> topics = topicsByStock.get(symbol);
        return topics == null ? Topics.QUOTES.equals(topic) : topics.contains(topic);
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
        if (protocol.firstNotification(message.trimmed(ScreenerField.NOTIFICATION_ID))) {
            Alert alert = codec.notification(message, frame.receivedAt(), out);
            out.emit(alert);
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

    private void onSubscribed(ScreenerMessage message, DecodeOutput out) {
        Pending request = take(Kind.SUBSCRIBE);
        if (request != null) {
            out.acknowledged(request.topic(), request.symbols());
            return;
        }
        // Unprompted (or not ours to match): confirm what it names, if it names anything.
        String type = message.trimmed(ScreenerField.SUBSCRIPTION_TYPE);
        if (type == null || message.targets == null || message.targets.isEmpty()) {
            return;
        }
        if (type.equals(ScreenerCodec.TYPE_STOCK)) {
            for (String topic : List.of(Topics.QUOTES, Topics.BOOK)) {
                List<String> mine = new ArrayList<>();
                for (String target : message.targets) {
                    Set<String> topics = topicsByStock.get(target);
                    if (topics != null && topics.contains(topic)) {
                        mine.add(target);
                    }
                }
                if (!mine.isEmpty()) {
                    out.acknowledged(topic, mine);
                }
            }
        } else if (ScreenerCodec.topicOf(type) != null) {
            out.acknowledged(ScreenerCodec.topicOf(type), message.targets);
        }
    }

    private void onUnsubscribed(DecodeOutput out) {
        Pending request = take(Kind.UNSUBSCRIBE);
        if (request != null) {
            out.unsubscribed(request.topic(), request.symbols());
        }
    }

    /**
     * Any pong proves liveness. A pong with a sequence answers our oldest ping (the server's own heartbeat has
     * {@code "sequence": null}); a ping that stood for a subscribe of codes already on the wire acknowledges it.
     */
    private void onPong(ScreenerMessage message, DecodeOutput out) {
        out.heartbeat();
        boolean solicited = message.present(ScreenerField.SEQUENCE)
                || (!message.sequenceNull && hasPending(Kind.PING));
        if (!solicited) {
            return;
        }
        Pending ping = take(Kind.PING);
        if (ping != null && ping.topic() != null) {
            out.acknowledged(ping.topic(), ping.symbols());
        }
    }

    private void onConnected(ScreenerMessage message) {
        String id = message.first(ScreenerField.SESSION_ID, ScreenerField.CONNECTION_ID);
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
        Map<String, List<String>> restored = message.restored;
        if (restored == null && previous != null) {
            restored = new LinkedHashMap<>();
            for (Map.Entry<String, Set<String>> entry : previous.wire().entrySet()) {
                restored.put(entry.getKey(), List.copyOf(entry.getValue()));
            }
        }
        if (restored != null) {
            for (Map.Entry<String, List<String>> entry : restored.entrySet()) {
                String type = entry.getKey();
                List<String> targets = entry.getValue();
                if (targets.isEmpty()) {
                    continue;
                }
                wire.computeIfAbsent(type, k -> new LinkedHashSet<>()).addAll(targets);
                if (type.equals(ScreenerCodec.TYPE_STOCK)) {
                    Map<String, List<String>> byTopic = new LinkedHashMap<>();
                    for (String target : targets) {
                        Set<String> before = previous == null ? null : previous.topicsByStock().get(target);
                        Set<String> topics = before == null || before.isEmpty() ? Set.of(Topics.QUOTES) : before;
                        for (String topic : topics) {
                            byTopic.computeIfAbsent(topic, k -> new ArrayList<>()).add(target);
                            topicsByStock.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(topic);
                        }
                    }
                    byTopic.forEach(out::restored);
                } else if (ScreenerCodec.topicOf(type) != null) {
                    out.restored(ScreenerCodec.topicOf(type), targets);
                }
            }
        }
        if (awaitingRestore) {
            awaitingRestore = false;
            out.ready();
        }
    }

    private void onTokenRefreshed(ScreenerMessage message, DecodeOutput out) {
        take(Kind.REFRESH);
        String token = message.trimmed(ScreenerField.ACCESS_TOKEN);
        if (token == null) {
            // Inside a batch the server drops the token (base-type serialization): ask again at the next check.
            protocol.tokens().refreshFailed();
            out.problem(Disposition.warn("Screener confirmed a token refresh on " + connectionId
                    + " without the new token (it drops fields of batched messages); refreshing again"));
            return;
        }
        protocol.tokens().refreshed(Secret.of(token),
                ScreenerMessage.wholeOf(message.text(ScreenerField.EXPIRES_IN)));
    }

    // ------------------------------------------------------------------ errors

    private void onError(ScreenerMessage message, InboundFrame frame, Instant before, DecodeOutput out) {
        String code = message.trimmed(ScreenerField.CODE);
        String said = message.trimmed(ScreenerField.MESSAGE);
        String described = (said == null ? "no message given" : "'" + said + "'")
                + (code == null ? "" : " (code " + code + ")");
        if (awaitingRestore) {
            // On a restoration attempt the first message is reconnected or an error; the server then goes on as a
            // fresh connection, and the runtime subscribes everything.
            awaitingRestore = false;
            out.problem(Disposition.warn("Screener could not restore session on " + connectionId + ": " + described
                    + "; continuing as a fresh connection and subscribing again"));
            out.ready();
            return;
        }
        if (code == null) {
            out.problem(Disposition.warn("Screener error on " + connectionId + ": " + described));
            return;
        }
        switch (code) {
            case "TOO_MANY_TARGETS": onTooManyTargets(message, described, out); return;
            case "SUBSCRIPTION_LIMIT_EXCEEDED": onSubscriptionLimit(message, described, out); return;
            case "RATE_LIMIT_EXCEEDED": {
                Instant from = before != null ? before : frame.receivedAt().minus(Duration.ofSeconds(1));
                String limit = message.detail("rate_limit");
                out.lost(from, "the server dropped messages to this connection (RATE_LIMIT_EXCEEDED"
                        + (limit == null ? "" : ", " + limit + " messages/s") + ")");
                return;
            }
            case "SUBSCRIBE_ERROR": {
                Pending request = take(Kind.SUBSCRIBE);
                if (request != null) {
                    unwire(request);
                    out.rejected(request.topic(), request.symbols(), "Screener refused the subscription: "
                            + described);
                } else {
                    out.problem(Disposition.warn("Screener refused a subscription on " + connectionId + ": "
                            + described));
                }
                return;
            }
            case "UNSUBSCRIBE_ERROR":
                take(Kind.UNSUBSCRIBE);
                out.problem(Disposition.warn("Screener refused an unsubscription on " + connectionId + ": "
                        + described));
                return;
            case "INVALID_TOKEN_TYPE":
            case "INVALID_REFRESH_TOKEN":
            case "INVALID_TOKEN":
                take(Kind.REFRESH);
                out.problem(Disposition.fatal("Screener refused the refresh token: " + described + ". Set a valid "
                        + "refresh token (a JWT with type=refresh) in " + ScreenerConfigKeys.REFRESH_TOKEN_ENV + " ("
                        + ScreenerConfigKeys.PREFIX + ScreenerConfigKeys.REFRESH_TOKEN + ") together with a fresh "
                        + "access token, or remove the refresh token to stop refreshing"));
                return;
            case "TOKEN_REFRESH_ERROR":
                take(Kind.REFRESH);
                protocol.tokens().refreshFailed();
                out.problem(Disposition.warn("Screener could not refresh the access token on " + connectionId + ": "
                        + described + "; trying again at the next heartbeat"));
                return;
            case "ERROR":
                // Authenticated connections get every error as "ERROR", without details, on every connection of
                // the user: it cannot be matched to a request, so it is reported, not classified.
                out.problem(Disposition.warn("Screener reported an error to this user's connections on "
                        + connectionId + ": " + described + (genericErrorWarned ? "" : ". Authenticated "
                        + "connections receive every error as code ERROR (possibly caused by another connection of "
                        + "the same user), so it is not classified; unanswered requests are treated as applied "
                        + "after the acknowledgement timeout")));
                genericErrorWarned = true;
                return;
            default:
                // MESSAGE_TOO_LARGE, INVALID_JSON, MISSING_TYPE, UNKNOWN_MESSAGE_TYPE, PROCESSING_ERROR,
                // RECONNECT_NOT_SUPPORTED_HERE, SESSION_RESTORATION_FAILED late, and the docs' codes.
                out.problem(Disposition.warn("Screener error on " + connectionId + ": " + described));
        }
    }

    /**
     * Nothing of the request was subscribed. The refused request is the oldest unanswered subscribe (replies are
     * in order, and requests are paced past the 30 ms batch flush). A smaller frame limit is reported first (the
     * server's figure when its message names one, else half the refused request), then the runtime resends.
     */
    private void onTooManyTargets(ScreenerMessage message, String described, DecodeOutput out) {
        Pending request = take(Kind.SUBSCRIBE);
        if (request == null) {
            out.problem(Disposition.warn("Screener refused a request with too many targets on " + connectionId
                    + ", but none is outstanding: " + described));
            return;
        }
        unwire(request);
        int limit = serverMax(message).orElse(Math.max(1, request.wire().size() / 2));
        out.limits(new LimitsUpdate(OptionalInt.empty(), OptionalInt.of(limit), OptionalInt.empty(), ""));
        out.notApplied(request.topic(), request.symbols(), "TOO_MANY_TARGETS: " + described
                + "; sending again at most " + limit + " per request");
    }

    /**
     * The connection would carry more subscriptions than the server allows: a smaller per-connection limit (the
     * server's figure when named, else what this connection carries without the refused request) makes the
     * runtime reshard, and the refused symbols are placed again.
     */
    private void onSubscriptionLimit(ScreenerMessage message, String described, DecodeOutput out) {
        Pending request = take(Kind.SUBSCRIBE);
        if (request == null) {
            out.problem(Disposition.warn("Screener refused a subscription over its per-connection limit on "
                    + connectionId + ", but none is outstanding: " + described));
            return;
        }
        unwire(request);
        int carried = wire.values().stream().mapToInt(Set::size).sum();
        int limit = serverMax(message).orElse(Math.max(1, carried));
        out.limits(new LimitsUpdate(OptionalInt.of(limit), OptionalInt.empty(), OptionalInt.empty(), ""));
        out.notApplied(request.topic(), request.symbols(), "SUBSCRIPTION_LIMIT_EXCEEDED: " + described
                + "; at most " + limit + " per connection");
    }

    /** The limit a refusal names: {@code details.max*}, or "max: 50" style text in the message. */
    private static OptionalInt serverMax(ScreenerMessage message) {
        for (Map.Entry<String, String> detail : message.detailsSent().entrySet()) {
            if (detail.getKey().startsWith("max")) {
                long value = ScreenerMessage.wholeOf(detail.getValue());
                if (value >= 1 && value <= 1_000_000) {
                    return OptionalInt.of((int) value);
                }
            }
        }
        String said = message.trimmed(ScreenerField.MESSAGE);
        if (said != null) {
            Matcher matcher = MAX_IN_TEXT.matcher(said);
            if (matcher.find()) {
                int value = Integer.parseInt(matcher.group(1));
                if (value >= 1) {
                    return OptionalInt.of(value);
                }
            }
        }
        return OptionalInt.empty();
    }

    private void unwire(Pending request) {
        Set<String> onWire = wire.get(request.type());
        if (onWire != null) {
            request.wire().forEach(onWire::remove);
        }
    }

    private Pending take(Kind kind) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending next = it.next();
            if (next.kind() == kind) {
                it.remove();
                return next;
            }
        }
        return null;
    }

    private boolean hasPending(Kind kind) {
        return pending.stream().anyMatch(request -> request.kind() == kind);
    }
}

package io.marketfeed.testkit.fake;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.ScriptJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One connection of the fake protocol. Never throws from decode unless broken on purpose. */
final class FakeSession implements ProtocolSession {

    private static final int MAX_FRAME = 100_000;

    private final String provider;
    private final FakeOptions options;
    private final Secret key;
    private final Set<String> everSubscribed;
    /** For {@link FakeOptions.Breakage#IGNORES_FRAME_LIMIT}: every symbol this session subscribed. */
    private final Set<String> subscribed = new LinkedHashSet<>();

    FakeSession(String provider, FakeOptions options, Secret key, Set<String> everSubscribed) {
        this.provider = provider;
        this.options = options;
        this.key = key;
        this.everSubscribed = everSubscribed;
    }

    @Override
    public Optional<OutboundFrame> authMessage() {
        return Optional.of(OutboundFrame.sensitive("{\"op\":\"auth\",\"key\":" + ScriptJson.quote(key.reveal()) + "}"));
    }

    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        List<String> named = new ArrayList<>(symbols);
        switch (options.breakage()) {
            case IGNORES_FRAME_LIMIT:
                subscribed.addAll(symbols);
                named = new ArrayList<>(subscribed);
                break;
            case FORGETS_ON_RECONNECT:
                named.removeIf(symbol -> !everSubscribed.add(symbol));
                break;
            case REPEATS_SHARED_SUBSCRIBE:
                // One wire subscription serves both topics, so the request does not name the topic: the second
                // topic's request for a symbol is the first one's again.
                return request("subscribe", Topics.QUOTES, named);
            default:
                break;
        }
        return request("subscribe", topic, named);
    }

    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        return Optional.of(request("unsubscribe", topic, symbols));
    }

    @Override
    public Optional<OutboundFrame> heartbeat() {
        return Optional.of(OutboundFrame.text("{\"op\":\"ping\"}"));
    }

    private static OutboundFrame request(String op, String topic, List<String> symbols) {
        return OutboundFrame.text("{\"op\":\"" + op + "\",\"topic\":" + ScriptJson.quote(topic) + ",\"args\":"
                + ScriptJson.array(symbols) + "}");
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        if (options.breakage() == FakeOptions.Breakage.THROWS_IN_DECODE) {
            String text = frame.asString();
            if (text.charAt(0) != '{') {
                throw new IllegalStateException("not an object: " + text.substring(0, 1));
            }
        }
        if (!frame.isText() || frame.length() > MAX_FRAME) {
            out.problem(Disposition.warn("ignored a binary or oversized frame of " + frame.length() + " bytes"));
            return;
        }
        String text = frame.asString();
        Optional<String> event = ScriptJson.string(text, "event");
        if (event.isPresent()) {
            onEvent(event.get(), text, out);
            return;
        }
        Optional<String> symbol = ScriptJson.string(text, "symbol");
        if (ScriptJson.string(text, "topic").filter(Topics.QUOTES::equals).isPresent() && symbol.isPresent()) {
            String shown = options.breakage() == FakeOptions.Breakage.DECODES_WRONG_SYMBOL ? symbol.get() + "X"
                    : symbol.get();
            out.emit(Quote.builder(provider, shown, frame.receivedAt()).price(decimal(text)).build());
            return;
        }
        unknown(text, out);
    }

    private void onEvent(String event, String text, DecodeOutput out) {
        switch (event) {
            case "welcome", "authenticated" -> out.ready();
            case "subscribed" -> {
                out.acknowledged(Topics.QUOTES, ScriptJson.stringArray(text, "args"));
                if (options.breakage() == FakeOptions.Breakage.REPEATS_SHARED_SUBSCRIBE) {
                    out.acknowledged(Topics.CANDLES, ScriptJson.stringArray(text, "args"));
                }
            }
            case "unsubscribed" -> out.unsubscribed(Topics.QUOTES, ScriptJson.stringArray(text, "args"));
            case "pong", "heartbeat" -> {
                if (options.breakage() != FakeOptions.Breakage.DEAF_TO_HEARTBEATS) {
                    out.heartbeat();
                }
            }
            default -> unknown(text, out);
        }
    }

    private void unknown(String text, DecodeOutput out) {
        String said = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        if (options.breakage() == FakeOptions.Breakage.LEAKS_CREDENTIAL) {
            said += " (connected with key " + key.reveal() + ")";
        }
        out.problem(Disposition.warn("ignored an unknown frame: " + said));
    }

    private static BigDecimal decimal(String text) {
        try {
            return ScriptJson.string(text, "price").map(BigDecimal::new).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

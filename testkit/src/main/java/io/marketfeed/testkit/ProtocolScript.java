package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the conformance kit's {@link ScriptedServer} speaks a provider's wire protocol: the few server-side facts
 * the kit cannot know. A provider's {@code Test<Id>ProviderConformance} returns one from
 * {@link MarketFeedProviderConformanceTest#script()}.
 *
 * {@snippet :
 * final class AcmeScript implements ProtocolScript {
 *     public String path(String topic) { return "/v1/stream"; }
 *     public List<String> onOpen(Handshake handshake) { return List.of("{\"event\":\"welcome\"}"); }
 *     public List<String> reply(String frame) {
 *         if (frame.contains("\"op\":\"subscribe\"")) {
 *             return List.of("{\"event\":\"subscribed\",\"args\":" + ScriptJson.array(symbolsOf(frame)) + "}");
 *         }
 *         return frame.contains("\"op\":\"ping\"") ? List.of("{\"event\":\"pong\"}") : List.of();
 *     }
 *     public Optional<Request> request(String frame) {
 *         if (frame.contains("\"op\":\"subscribe\"")) return Optional.of(Request.subscribe(symbolsOf(frame)));
 *         if (frame.contains("\"op\":\"unsubscribe\"")) return Optional.of(Request.unsubscribe(symbolsOf(frame)));
 *         return Optional.empty();
 *     }
 *     public String dataFrame(String topic, String symbol) {
 *         return "{\"topic\":\"" + topic + "\",\"data\":{\"s\":\"" + symbol + "\",\"p\":\"1.25\"}}";
 *     }
 *     public OptionalInt fatalCloseCode() { return OptionalInt.of(4001); }
 *     private static List<String> symbolsOf(String frame) { return ScriptJson.stringArray(frame, "args"); }
 * }
 * }
 *
 * <p>The methods run on Jetty threads and the test thread; they must be thread safe (a stateless script is) and
 * must not block.
 */
public interface ProtocolScript {

    /** The path a connection for {@code topic} must connect to, such as {@code /ws/v1/stocks/}. */
    String path(String topic);

    /**
     * Frames the server sends as soon as a connection opens (a greeting, announced limits, a ready message).
     * When the provider {@linkplain io.marketfeed.api.protocol.Readiness#awaitMessage() waits for a ready
     * message}, that message is here, or in the reply to the provider's auth message.
     */
    default List<String> onOpen(Handshake handshake) {
        return List.of();
    }

    /**
     * The server's answer to a client message: acknowledgements of subscribe requests (the kit relies on them
     * when the provider declares acknowledged subscriptions), pongs to heartbeats, the reply to an auth message.
     * Empty for none.
     */
    List<String> reply(String clientFrame);

    /**
     * What a client message asks for: a subscribe (or, with replace semantics, the new full list) or an
     * unsubscribe, and the symbols it names. Empty for anything else (heartbeats, auth). The kit reads every
     * client message with this to check encoding, frame limits and resubscription.
     */
    Optional<Request> request(String clientFrame);

    /**
     * A data frame about {@code symbol} on {@code topic} that the provider must decode to a
     * {@link io.marketfeed.api.model.MarketDataEvent} of that symbol and topic.
     */
    String dataFrame(String topic, String symbol);

    /** {@code count} distinct symbols the provider accepts on {@code topic}; by default {@code SYM001}, … */
    default List<String> symbols(String topic, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(String.format("SYM%03d", i));
        }
        return out;
    }

    /**
     * A close code with which the server refuses credentials and which the provider classifies as fatal; empty
     * when the protocol has none (the fatal-close case then does not run).
     */
    default OptionalInt fatalCloseCode() {
        return OptionalInt.empty();
    }

    /**
     * For providers whose server sends heartbeats ({@link io.marketfeed.api.protocol.HeartbeatSpec.Pinger#SERVER}):
     * the heartbeat frame. Like a real server, the kit pushes it on every open connection each third of the
     * heartbeat timeout, in every case that runs a feed.
     */
    default Optional<String> serverHeartbeat() {
        return Optional.empty();
    }

    /**
     * An error frame carrying {@code message} as the server's own text (an error or notice the provider reports as
     * a non-fatal problem, such as a rejected request), for the case that checks that text a server sends, quoting
     * the credential or holding a line break, reaches no event as such. Empty when the protocol has no such frame
     * (that part of the case is then left out).
     */
    default Optional<String> errorFrame(String message) {
        return Optional.empty();
    }

    /**
     * Protocol-specific frames the decoder must survive, added to the kit's own malformed and unknown frames:
     * an error frame with a missing field, a message of a type the provider does not know.
     */
    default List<String> malformedFrames() {
        return List.of();
    }

    /**
     * A client request as the script reads it.
     *
     * @param kind subscribe (with replace semantics: the new full list) or unsubscribe
     * @param symbols the symbols it names, in order, repeats kept
     */
    record Request(Kind kind, List<String> symbols) {

        /** What a request asks for. */
        public enum Kind {
            SUBSCRIBE,
            UNSUBSCRIBE
        }

        public Request {
            requireNonNull(kind, "kind is null");
            symbols = List.copyOf(symbols);
        }

        public static Request subscribe(List<String> symbols) {
            return new Request(Kind.SUBSCRIBE, symbols);
        }

        public static Request unsubscribe(List<String> symbols) {
            return new Request(Kind.UNSUBSCRIBE, symbols);
        }
    }
}

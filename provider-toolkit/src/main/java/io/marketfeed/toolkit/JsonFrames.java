package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import io.marketfeed.api.protocol.InboundFrame;

/**
 * One connection's JSON reader: a strict streaming parser ({@link JsonParser}'s API) that is reset onto each
 * frame's bytes where they are, so that reading a frame allocates nothing (Jackson's own parser, made per frame,
 * costs about 700 bytes, and its non-blocking one carries state from frame to frame). It behaves like a parser
 * made for the frame alone: {@link JsonParser#nextToken()} returns null at the end of the frame between root
 * values and throws when the frame ends inside an object, an array or a token; nothing of one frame reaches the
 * next. Field names are interned, so a decoder may {@code switch} on them at no cost; text is decoded only when
 * asked for ({@code getTextCharacters} into a reused buffer, {@code getText} as a new string).
 *
 * {@snippet :
 * private final JsonFrames json = new JsonFrames();           // one per ProtocolSession
 *
 * public void decode(InboundFrame frame, DecodeOutput out) {
 *     try {
 *         JsonParser parser = json.start(frame);
 *         if (parser.nextToken() != JsonToken.START_OBJECT) { ... }
 *         while (parser.nextToken() == JsonToken.FIELD_NAME) { ... }
 *     } catch (IOException e) {
 *         out.problem(Disposition.warn("malformed frame: " + JsonFrames.reason(e)));
 *     }
 * }
 * }
 *
 * <p>It accepts exactly RFC 8259 JSON, as Jackson's default parser does. Nesting deeper than {@value #MAX_DEPTH}
 * levels and numbers longer than 1000 characters are refused with an {@link java.io.IOException}.
 *
 * <p>Not thread safe: one per connection (a {@code ProtocolSession} is called one frame at a time).
 */
public final class JsonFrames {

    /** The deepest nesting accepted; market data needs a handful of levels. */
    public static final int MAX_DEPTH = 64;

    private final FrameParser parser = new FrameParser();

    /**
     * Starts reading {@code frame}: returns a parser before its first token, valid until the next call.
     */
    public JsonParser start(InboundFrame frame) {
        return start(frame.array(), frame.offset(), frame.length());
    }

    /** As {@link #start(InboundFrame)}, for bytes that are not a frame (tests, recordings). */
    public JsonParser start(byte[] array, int offset, int length) {
        parser.reset(array, offset, length);
        return parser;
    }

    /**
     * Whether the current frame's root value has been read to its end and nothing but blanks follows it: a
     * decoder that must refuse content after the value (as a parser made per frame would find it) asks this
     * after reading the value's last token.
     */
    public boolean valueEndsFrame() {
        return parser.valueEndsFrame();
    }

    /**
     * Jackson's reason for refusing a frame, without its location details (which say nothing useful about a
     * single frame), for a problem message.
     */
    public static String reason(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException
                ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int location = message.indexOf(" (start marker at");
        return location >= 0 ? message.substring(0, location) : message;
    }
}

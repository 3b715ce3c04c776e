package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;

/**
 * One connection's JSON reader: a streaming parser that is created once and fed each frame's bytes where they
 * are, so that reading a frame allocates nothing (a parser made per frame costs about 700 bytes). The parser
 * it hands out behaves like one made for the frame alone: {@link JsonParser#nextToken()} returns null at the
 * end of the frame after a complete value, throws when the frame ends inside an object or array, and
 * {@link JsonParser#close()} does not close the shared parser.
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
 * <p>A frame that was not read to the end of its root value, was cut short or was malformed leaves the parser
 * in a state the next frame cannot continue from; {@link #start} then makes a new parser, so one bad frame
 * never affects the next. Nesting deeper than {@value #MAX_DEPTH} levels and strings or numbers longer than
 * Jackson's defaults are refused with an {@link IOException}.
 *
 * <p>Not thread safe: one per connection (a {@code ProtocolSession} is called one frame at a time).
 */
public final class JsonFrames {

    /** The deepest nesting accepted; market data needs a handful of levels. */
    public static final int MAX_DEPTH = 64;

    /** Thread safe once built. Source snippets stay out of parse errors: they end up in problem messages. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private FrameParser view;

    /**
     * Starts reading {@code frame}: returns a parser before its first token, valid until the next call.
     *
     * @throws IOException when the bytes cannot even be handed to the parser (never for ordinary frames)
     */
    public JsonParser start(InboundFrame frame) throws IOException {
        return start(frame.array(), frame.offset(), frame.length());
    }

    /** As {@link #start(InboundFrame)}, for bytes that are not a frame (tests, recordings). */
    public JsonParser start(byte[] array, int offset, int length) throws IOException {
        if (parser == null || !atRestBetweenValues()) {
            renew();
        }
        feeder.feedInput(array, offset, offset + length);
        view.lastToken = null;
        return view;
    }

    /** Whether the last frame was read to the end of a complete root value, so the parser can take more. */
    private boolean atRestBetweenValues() throws IOException {
        JsonToken last = parser.currentToken();
        if (last == JsonToken.NOT_AVAILABLE) {
            // Read past the end of the last frame: fine when that frame's root value was complete.
            last = view.lastToken;
        }
        if ((last != JsonToken.END_OBJECT && last != JsonToken.END_ARRAY) || !parser.getParsingContext().inRoot()) {
            return false;
        }
        if (!feeder.needMoreInput()) {
            // Unread bytes after the value: only white space may follow it.
            return parser.nextToken() == JsonToken.NOT_AVAILABLE && feeder.needMoreInput();
        }
        return true;
    }

    private void renew() throws IOException {
        if (parser != null) {
            parser.close();
        }
        parser = FACTORY.createNonBlockingByteArrayParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        view = new FrameParser(parser);
    }

    /** Forgets the parser's state: the next frame starts afresh. */
    public void reset() throws IOException {
        if (parser != null) {
            parser.close();
            parser = null;
        }
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

    /** The shared parser as seen by one frame: its end is the end of input. */
    private static final class FrameParser extends JsonParserDelegate {
        private JsonToken lastToken;

        FrameParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == JsonToken.NOT_AVAILABLE) {
                JsonStreamContext context = delegate.getParsingContext();
                if (!context.inRoot()) {
                    // As a parser made for this frame alone would say: the frame was cut short.
                    throw new JsonParseException(this, "Unexpected end-of-input: expected close marker for "
                            + (context.inObject() ? "Object" : "Array"));
                }
                return null;
            }
            lastToken = token;
            return token;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
        }

        @Override
        public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(delegate.currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? delegate.getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        /** Skips to the end of the current object or array; a frame cut short inside it throws, as it would. */
        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken current = delegate.currentToken();
            if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken token = nextToken();
                if (token == null) {
                    return this;
                }
                if (token.isStructStart()) {
                    open++;
                } else if (token.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }

        @Override
        public void close() {
            // The parser outlives the frame.
        }
    }
}

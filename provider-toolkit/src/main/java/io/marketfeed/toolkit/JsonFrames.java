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
    private static final FrameFactory FACTORY = new FrameFactory();

    private PositionedParser parser;
    private ByteArrayFeeder feeder;
    private FrameParser view;
    /** The current frame's bytes, valid during its decode only. */
    private byte[] frameArray;
    /**
     * Whether the current frame has been read to the end of a root value followed by nothing but blanks, so
     * that the parser can take the next frame; decided while the frame's bytes are still valid.
     */
    private boolean clean;

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
        if (parser == null || !clean) {
            renew();
        } else if (!feeder.needMoreInput()) {
            // Only blanks are left of the last frame (checked when its value ended): let the parser pass them.
            parser.nextToken();
            if (!feeder.needMoreInput()) {
                renew();
            }
        }
        frameArray = array;
        clean = false;
        feeder.feedInput(array, offset, offset + length);
        return view;
    }

    /**
     * Whether the current frame's root value has been read to its end and nothing but blanks follows it: a
     * decoder that must refuse content after the value (as a parser made per frame would find it) asks this
     * after reading the value's last token.
     */
    public boolean valueEndsFrame() {
        return clean;
    }

    /** A root value just ended: the frame is clean when only blanks follow it. */
    private void rootValueEnded() {
        for (int i = parser.position(), end = parser.end(); i < end; i++) {
            byte b = frameArray[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                clean = false;
                return;
            }
        }
        clean = true;
    }

    private void renew() throws IOException {
        if (parser != null) {
            parser.close();
        }
        parser = FACTORY.newParser();
        feeder = parser;
        view = new FrameParser(parser);
    }

    /** Forgets the parser's state: the next frame starts afresh. */
    public void reset() throws IOException {
        clean = false;
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

    /** The factory's settings, and a way to make parsers whose read position can be seen. */
    private static final class FrameFactory extends JsonFactory {
        private static final long serialVersionUID = 1L;

        FrameFactory() {
            super(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()));
        }

        /** What {@link #createNonBlockingByteArrayParser()} makes, as a {@link PositionedParser}. */
        PositionedParser newParser() {
            return new PositionedParser(_createNonBlockingContext(null),
                    _parserFeatures, _byteSymbolCanonicalizer.makeChild(_factoryFeatures));
        }
    }

    /** Jackson's non-blocking parser, telling where in the fed array it is (to check what follows a value). */
    private static final class PositionedParser extends com.fasterxml.jackson.core.json.async.NonBlockingJsonParser {
        PositionedParser(com.fasterxml.jackson.core.io.IOContext context, int features,
                com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer names) {
            super(context, features, names);
        }

        int position() {
            return _inputPtr;
        }

        int end() {
            return _inputEnd;
        }
    }

    /** The shared parser as seen by one frame: its end is the end of input. */
    private final class FrameParser extends JsonParserDelegate {

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
            if (token.isStructEnd() && context().inRoot()) {
                rootValueEnded();
            } else {
                clean = false;
            }
            return token;
        }

        private JsonStreamContext context() {
            return delegate.getParsingContext();
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

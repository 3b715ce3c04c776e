package io.marketfeed.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON reading and writing shared by the simulations.
 *
 * <p>Prices are written from {@link BigDecimal} with {@code WRITE_BIGDECIMAL_AS_PLAIN}, so a price of scale 2
 * appears on the wire as {@code 27.40}, never {@code 27.4} or {@code 2.74E+1}; no double ever touches a price.
 * Thread safe.
 */
public final class JsonText {

    /**
     * Jackson's {@code ObjectMapper} is thread safe once configured; one instance serves every thread. Package
     * private so nobody can reconfigure it under the simulations' feet.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** Millisecond precision and a literal {@code Z}, as in SAHMK's {@code connected} example. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonText() {
    }

    /** Writes one JSON text through a streaming generator. */
    public static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.write(generator);
        } catch (IOException e) {
            // A StringWriter cannot fail; this only happens if a body writes an invalid structure.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses a JSON text; throws {@link IOException} for anything that is not JSON. */
    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** {@code 2026-02-10T10:00:00.000Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** Something that writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator generator) throws IOException;
    }
}

package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Recorded AllTick frames from {@code src/test/resources/alltick/frames}. */
final class Frames {

    /** The receive time every test frame carries. */
    static final Instant RECEIVED_AT = Instant.parse("2026-02-10T09:19:23.500Z");

    private Frames() {
    }

    static InboundFrame frame(String name) {
        return InboundFrame.text(text(name), RECEIVED_AT);
    }

    static InboundFrame json(String json) {
        return InboundFrame.text(json, RECEIVED_AT);
    }

    static InboundFrame json(String json, Instant receivedAt) {
        return InboundFrame.text(json, receivedAt);
    }

    static String text(String name) {
        try (InputStream in = Frames.class.getResourceAsStream("/alltick/frames/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no frame " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

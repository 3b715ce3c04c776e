package com.example.marketfeed.simplejson;

import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Recorded server frames from {@code src/test/resources/simplejson/frames}. */
final class Frames {

    /** The receive time every test frame carries. */
    static final Instant RECEIVED_AT = Instant.parse("2024-11-22T00:00:00.500Z");

    private static final String FOLDER = "/simplejson/frames/";

    private Frames() {
    }

    /** The names of every recorded frame ({@code *.json}), sorted. */
    static List<String> all() {
        try (Stream<Path> files = Files.list(Path.of(Frames.class.getResource(FOLDER).toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static InboundFrame frame(String name) {
        return json(text(name));
    }

    static InboundFrame json(String json) {
        return InboundFrame.text(json, RECEIVED_AT);
    }

    static String text(String name) {
        try (InputStream in = Frames.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no frame " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

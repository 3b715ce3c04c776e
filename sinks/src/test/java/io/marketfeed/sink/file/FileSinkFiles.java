package io.marketfeed.sink.file;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.Sink;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** What the file sink tests share: expected lines, reading the files back, writing in batches. */
final class FileSinkFiles {

    private FileSinkFiles() {
    }

    /** A sink of {@code type = file} with the keys in {@code hocon}, relative paths under {@code work}. */
    static Sink sink(Path work, String hocon) {
        return new FileSinkFactory().create(HoconSinkConfig.parse("type = file\n" + hocon, work));
    }

    /** The bytes {@link JsonlEncoder} writes for {@code events}. */
    static byte[] encoded(List<MarketEvent> events) {
        JsonlEncoder encoder = new JsonlEncoder();
        events.forEach(encoder::write);
        return encoder.toByteArray();
    }

    /** Writes {@code events} in batches of {@code batchSize}, with sequence numbers from 1. */
    static void writeInBatches(Sink sink, List<MarketEvent> events, int batchSize) throws Exception {
        for (int from = 0; from < events.size(); from += batchSize) {
            List<MarketEvent> batch = new ArrayList<>(events.subList(from, Math.min(events.size(), from + batchSize)));
            sink.write(new EventBatch(7, from + 1, batch));
        }
    }

    /** The names in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The complete files ({@code .jsonl}, {@code .jsonl.gz}) in {@code dir}, in name order. */
    static List<Path> completeFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : names(dir)) {
            if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
                files.add(dir.resolve(name));
            }
        }
        return files;
    }

    /** The content of a file, decompressed when its name ends in {@code .gz} (or {@code .gz.part}). */
    static byte[] content(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".gz") && !name.endsWith(".gz.part")) {
            return Files.readAllBytes(file);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                out.write(chunk, 0, n);
            }
        } catch (EOFException e) {
            // A .part file has no gzip trailer yet: what was flushed has been read.
            if (!name.endsWith(".part")) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    /** The contents of {@code files} one after the other. */
    static byte[] concatenated(List<Path> files) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path file : files) {
            all.write(content(file));
        }
        return all.toByteArray();
    }
}

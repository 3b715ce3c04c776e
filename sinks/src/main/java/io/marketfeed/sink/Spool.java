package io.marketfeed.sink;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.json.JsonlDecoder;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events kept on local disk, in order, while a store cannot take them: a folder of segment files
 * ({@code 00000000001099511627776.spool}, read in the order of their numbers), each a sequence of records, one
 * per {@link EventBatch}: {@code int length, int crc32c, long runId, long firstSequence, int count}, then the
 * events as {@link JsonlEncoder} lines. A record whose length or checksum does not hold (the process died while
 * writing it) ends its segment: it is cut off with a warning when the spool is opened.
 *
 * <p>The spool outlives the process: a writer that starts on a folder holding segments writes them first. It
 * is bounded by {@link #bytes()}, which its owner compares with its limit.
 *
 * <p>Shared by a sink's intake thread ({@link #append}) and its writer thread ({@link #peek}, {@link #ack}); the
 * owner ({@link SinkWriter}) calls every method under its own lock, so this class has no locking of its own.
 */
final class Spool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String SUFFIX = ".spool";
    private static final int HEADER = 4 + 4;
    private static final int RECORD_START = 8 + 8 + 4;
    /** Room below the first segment's number for segments put in front at a stop ({@link #prepend}). */
    private static final long FIRST_SEGMENT = 1L << 40;

    private final Path dir;
    private final long segmentBytes;
    /** Segment number to its size in bytes and events still unread; the first is being read, the last written. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final JsonlEncoder encoder = new JsonlEncoder();
    private final JsonlDecoder decoder = new JsonlDecoder();
    private final CRC32C crc = new CRC32C();
    private FileChannel writing;
    private long writingNumber;
    private long readOffset;
    /** What {@link #peek} returned last, until {@link #ack()}, and its bytes. */
    private EventBatch peeked;
    private long peekedLength;
    private long bytes;
    private long events;

    private Spool(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens the spool in {@code dir} (created when missing), finding the segments an earlier run left.
     *
     * @param segmentBytes the size from which appends go to a new segment
     */
    static Spool open(Path dir, long segmentBytes) throws IOException {
        Spool spool = new Spool(dir, segmentBytes);
        if (!Files.exists(dir)) {
            return spool; // created at the first append: a sink that never spools leaves no folder behind
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException(dir + " is not a writable folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    try {
                        spool.recover(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), file);
                    } catch (NumberFormatException e) {
                        log.warn("Ignoring {} in the spool folder {}: not a spool segment", name, dir);
                    }
                }
            }
        }
        return spool;
    }

    Path dir() {
        return dir;
    }

    boolean isEmpty() {
        return events == 0;
    }

    /** Bytes on disk, unread records included. */
    long bytes() {
        return bytes;
    }

    /** Events not yet acknowledged. */
    long events() {
        return events;
    }

    /** Appends {@code batch} at the end. */
    void append(EventBatch batch) throws IOException {
        if (writing == null || segments.lastEntry().getValue().size >= segmentBytes) {
            startSegment(segments.isEmpty() ? FIRST_SEGMENT : segments.lastKey() + 1);
        }
        write(writing, batch, segments.lastEntry().getValue());
    }

    /**
     * Puts {@code batches} (oldest first) in front of everything spooled, in a segment of their own: at a stop,
     * the events that were waiting in memory are older than those already spooled.
     */
    void prepend(List<EventBatch> batches) throws IOException {
        if (batches.isEmpty()) {
            return;
        }
        long number = segments.isEmpty() ? FIRST_SEGMENT : segments.firstKey() - 1;
        Files.createDirectories(dir);
        Path file = segment(number);
        Segment segment = new Segment();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            segments.put(number, segment);
            for (EventBatch batch : batches) {
                write(channel, batch, segment);
            }
        }
        readOffset = 0;
        peeked = null;
        peekedLength = 0;
    }

    /**
     * The oldest records, not removed: as many consecutive records of the first segment as belong to one run
     * with consecutive sequence numbers, up to {@code maxEvents} (at least one record); null when the spool is
     * empty.
     */
    EventBatch peek(int maxEvents) throws IOException {
        if (peeked != null) {
            return peeked;
        }
        while (!segments.isEmpty()) {
            var first = segments.firstEntry();
            if (readOffset < first.getValue().size) {
                peeked = readRun(first.getKey(), first.getValue().size, maxEvents);
                return peeked;
            }
            if (first.getKey() == writingNumber && writing != null) {
                return null;
            }
            removeFirst();
        }
        return null;
    }

    /** Removes what {@link #peek} returned. */
    void ack() throws IOException {
        var first = segments.firstEntry();
        readOffset += peekedLength;
        first.getValue().events -= peeked.size();
        events -= peeked.size();
        peeked = null;
        peekedLength = 0;
        if (readOffset >= first.getValue().size) {
            removeFirst(); // the segment being written too: the next append starts a new one
        }
    }

    private EventBatch readRun(long number, long end, int maxEvents) throws IOException {
        List<MarketEvent> merged = new ArrayList<>();
        long runId = 0;
        long firstSequence = 0;
        long offset = readOffset;
        try (FileChannel channel = FileChannel.open(segment(number), StandardOpenOption.READ)) {
            while (offset < end && merged.size() < maxEvents) {
                Record record = parse(channel, offset);
                if (record == null) {
                    throw new IOException("spool segment " + segment(number) + " is damaged at byte " + offset);
                }
                EventBatch batch = record.batch;
                if (!merged.isEmpty() && (batch.runId() != runId
                        || batch.firstSequence() != firstSequence + merged.size())) {
                    break;
                }
                if (merged.isEmpty()) {
                    runId = batch.runId();
                    firstSequence = batch.firstSequence();
                }
                merged.addAll(batch.events());
                offset += record.length;
            }
        }
        peekedLength = offset - readOffset;
        return new EventBatch(runId, firstSequence, merged);
    }

    /**
     * Deletes the oldest segment that is neither being read nor written, to make room.
     *
     * @return the events deleted; 0 when no segment can go
     */
    long dropOldest() throws IOException {
        for (var entry : segments.entrySet()) {
            long number = entry.getKey();
            if (number != segments.firstKey() && number != writingNumber) {
                Files.deleteIfExists(segment(number));
                segments.remove(number);
                bytes -= entry.getValue().size;
                events -= entry.getValue().events;
                return entry.getValue().events;
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (writing != null) {
            writing.close();
            writing = null;
        }
    }

    private void write(FileChannel channel, EventBatch batch, Segment segment) throws IOException {
        encoder.reset();
        for (MarketEvent event : batch.events()) {
            encoder.write(event);
        }
        byte[] lines = encoder.toByteArray();
        encoder.reset();
        ByteBuffer record = ByteBuffer.allocate(HEADER + RECORD_START + lines.length);
        record.putInt(RECORD_START + lines.length).putInt(0)
                .putLong(batch.runId()).putLong(batch.firstSequence()).putInt(batch.size()).put(lines);
        crc.reset();
        crc.update(record.array(), HEADER, RECORD_START + lines.length);
        record.putInt(4, (int) crc.getValue()).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        segment.size += record.limit();
        segment.events += batch.size();
        bytes += record.limit();
        events += batch.size();
    }

    /** The record at {@code offset}, or null when what is there is not a whole, intact record. */
    private Record parse(FileChannel channel, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (channel.read(header, offset) < HEADER) {
            return null;
        }
        int length = header.getInt(0);
        if (length < RECORD_START || offset + HEADER + length > channel.size()) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        while (body.hasRemaining() && channel.read(body, offset + HEADER + body.position()) > 0) {
            // reads until full
        }
        crc.reset();
        crc.update(body.array(), 0, length);
        if ((int) crc.getValue() != header.getInt(4)) {
            return null;
        }
        body.flip();
        long runId = body.getLong();
        long firstSequence = body.getLong();
        int count = body.getInt();
        List<MarketEvent> batch = new ArrayList<>(count);
        byte[] bytes = body.array();
        int start = RECORD_START;
        for (int i = start; i < length; i++) {
            if (bytes[i] == '\n') {
                batch.add(decoder.decode(bytes, start, i - start));
                start = i + 1;
            }
        }
        if (batch.size() != count) {
            throw new IOException("spool record at " + offset + " holds " + batch.size() + " events, not " + count);
        }
        return new Record(new EventBatch(runId, firstSequence, batch), HEADER + length);
    }

    private void recover(long number, Path file) throws IOException {
        Segment segment = new Segment();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            Record record;
            while (segment.size < size && (record = parse(channel, segment.size)) != null) {
                segment.size += record.length;
                segment.events += record.batch.size();
            }
            if (segment.size < size) {
                log.warn("Spool segment {} ends with {} bytes of a record cut short (the process stopped while "
                        + "writing it); they are removed", file, size - segment.size);
                channel.truncate(segment.size);
            }
        }
        if (segment.events == 0) {
            Files.deleteIfExists(file);
            return;
        }
        segments.put(number, segment);
        bytes += segment.size;
        events += segment.events;
    }

    private void startSegment(long number) throws IOException {
        close();
        Files.createDirectories(dir);
        writing = FileChannel.open(segment(number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writingNumber = number;
        segments.put(number, new Segment());
    }

    private void removeFirst() throws IOException {
        var first = segments.pollFirstEntry();
        if (first.getKey() == writingNumber) {
            close();
            writingNumber = 0;
        }
        Files.deleteIfExists(segment(first.getKey()));
        bytes -= first.getValue().size;
        readOffset = 0;
    }

    private Path segment(long number) {
        return dir.resolve(String.format(Locale.ROOT, "%023d", number) + SUFFIX);
    }

    /** What one segment holds. */
    private static final class Segment {
        long size;
        long events;
    }

    private record Record(EventBatch batch, int length) {
    }
}

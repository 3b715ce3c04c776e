package io.marketfeed.runtime.record;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.FeedProtocol;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every message the feed receives, with its receive time and connection, into compressed, rotated files
 * (the layout is {@link RecordFormat}'s), so that {@link Replay} can run it through the same decoders later.
 *
 * <p>It records at the protocol boundary: {@link #wrap} puts a recording layer around a provider's
 * {@link FeedProtocol}, so a feed that does not record runs exactly the code it ran before, at no cost. With
 * recording on, each message a session decodes, and each request it is asked to encode, is copied into a bounded
 * in-memory buffer on the calling thread (a socket's read thread, or the control thread); a writer thread of its
 * own takes the buffer in batches, compresses and writes them. The calling thread never compresses, never touches a
 * file and never waits for the writer.
 *
 * <p>When the writer cannot keep up (a slow or full disk) and the buffer ({@link RecordOptions#bufferBytes()}) is
 * full, new records are not kept: the feed is never slowed down for the recording. Nothing is lost silently: each
 * record not kept is counted, the count is announced (a warning in the log and a {@code recording-behind}
 * notice, at most once a second), and the hole is written into the recording, where {@link Replay} reports it. When
 * a file cannot be written at all, recording stops, once announced as {@code recording-failed}; the feed goes on.
 *
 * <p>Threading: thread safe. {@link #close()} writes what is buffered and closes the last file; call it once the
 * sockets are closed.
 */
public final class FrameRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRecorder.class);
    private static final long NOTICE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Told, on the writer thread, when records are not kept or recording stopped; must not block. */
    @FunctionalInterface
    public interface Notices {
        void notice(String kind, String message, Map<String, String> details);
    }

    /**
     * What was recorded so far.
     *
     * @param records records written to files
     * @param compressedBytes bytes written to files
     * @param files files started
     * @param lost records not kept (the recorder was behind, or had stopped)
     * @param failure why recording stopped early, if it did
     */
    public record Stats(long records, long compressedBytes, int files, long lost, Optional<String> failure) {
    }

    private final RecordOptions options;
    private final Clock clock;
    private final Notices notices;
    private final RecordBuffer buffer;
    private final RecordFiles files;
    private final Thread writer;
    private final AtomicInteger nextRef = new AtomicInteger();
    private final AtomicLong unencodable = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long written;
    private volatile long discarded;
    private volatile long compressed;
    private volatile int fileCount;
    private volatile String failure;
    private long announcedLost;
    private long announcedAtNanos;

    private FrameRecorder(RecordOptions options, Clock clock, Notices notices) {
        this.options = options;
        this.clock = clock;
        this.notices = notices;
        this.buffer = new RecordBuffer(options.bufferBytes(), options.batchBytes());
        this.files = new RecordFiles(options, ThreadLocalRandom.current().nextLong(), clock);
        this.writer = new Thread(this::writeLoop, "marketfeed-recorder");
        writer.setDaemon(true);
    }

    /**
     * Starts recording into {@code options.directory()}, creating it when needed; the first file is created with
     * the first record.
     *
     * @param clock the time written for requests (messages carry their receive time)
     * @param notices told when records are lost or recording stops
     * @throws IllegalArgumentException when the folder cannot hold a recording ({@link RecordOptions#problem})
     */
    public static FrameRecorder start(RecordOptions options, Clock clock, Notices notices) {
        RecordOptions.problem(options.directory()).ifPresent(problem -> {
            throw new IllegalArgumentException("cannot record: " + problem);
        });
        FrameRecorder recorder = new FrameRecorder(requireNonNull(options, "options is null"),
                requireNonNull(clock, "clock is null"), requireNonNull(notices, "notices is null"));
        recorder.writer.start();
        LOG.info("Recording every received message to {}", options.directory());
        return recorder;
    }

    /** The protocol of provider {@code provider}, recording what its sessions receive and are asked to send. */
    public FeedProtocol wrap(String provider, FeedProtocol protocol) {
        return new RecordingProtocol(requireNonNull(provider, "provider is null"),
                requireNonNull(protocol, "protocol is null"), this);
    }

    public Stats stats() {
        return new Stats(written, compressed, fileCount, lost(), Optional.ofNullable(failure));
    }

    private long lost() {
        return buffer.lostRecords() + discarded + unencodable.get();
    }

    // ---------------------------------------------------------------- recording (any thread)

    long now() {
        return RecordFormat.epochNanos(clock.instant());
    }

    /** A session was opened for a connection attempt; returns its ref. */
    int session(String provider, String connection, String endpoint) {
        int ref = nextRef.incrementAndGet();
        long nanos = now();
        encode(nanos, record -> {
            start(record, RecordFormat.SESSION, nanos, ref);
            record.writeUTF(provider);
            record.writeUTF(connection);
            record.writeUTF(endpoint);
        });
        return ref;
    }

    void frame(int ref, long nanos, boolean text, byte[] array, int offset, int length) {
        buffer.frame(text ? RecordFormat.TEXT : RecordFormat.BINARY, nanos, ref, array, offset, length);
    }

    /** A call without arguments: {@link RecordFormat#OPEN}, {@code HEARTBEAT} or {@code AUTH}. */
    void call(byte kind, int ref) {
        long nanos = now();
        byte[] record = new byte[RecordFormat.CALL_BYTES];
        record[0] = kind;
        RecordBuffer.putInt(record, RecordBuffer.putLong(record, 1, nanos), ref);
        buffer.encoded(record, nanos);
    }

    /** A subscribe or unsubscribe request the session was asked for. */
    void request(byte kind, int ref, String topic, List<String> symbols) {
        long nanos = now();
        encode(nanos, record -> {
            start(record, kind, nanos, ref);
            record.writeUTF(topic);
            record.writeInt(symbols.size());
            for (String symbol : symbols) {
                record.writeUTF(symbol);
            }
        });
    }

    private interface Encoding {
        void write(DataOutputStream record) throws IOException;
    }

    private void encode(long nanos, Encoding encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try {
            encoding.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            // Only a text longer than 65,535 bytes, which no id, topic or symbol is; counted, never thrown at a feed.
            unencodable.incrementAndGet();
            return;
        }
        buffer.encoded(bytes.toByteArray(), nanos);
    }

    private static void start(DataOutputStream record, byte kind, long nanos, int ref) throws IOException {
        record.writeByte(kind);
        record.writeLong(nanos);
        record.writeInt(ref);
    }

    // ---------------------------------------------------------------- the writer thread

    private void writeLoop() {
        long flushNanos = options.flushInterval().toNanos();
        try {
            while (true) {
                RecordBuffer.Batch batch = buffer.take(flushNanos);
                if (batch != null) {
                    write(batch);
                    buffer.recycle(batch);
                } else if (buffer.drained()) {
                    announceLosses(true);
                    break;
                }
                announceLosses(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                files.close();
            } catch (IOException e) {
                fail(e);
            }
            compressed = files.compressedBytes();
        }
    }

    private void write(RecordBuffer.Batch batch) {
        if (failure != null) {
            discarded += batch.records;
            return;
        }
        try {
            files.write(batch);
            written += batch.records;
            compressed = files.compressedBytes();
            fileCount = files.files();
        } catch (IOException e) {
            discarded += batch.records;
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (failure != null) {
            return;
        }
        failure = "cannot write to " + options.directory() + " (" + e + ")";
        String message = "recording stopped: " + failure + "; the feed goes on without recording";
        LOG.error("{}", message);
        buffer.close(now());
        notices.notice("recording-failed", message, Map.of("directory", options.directory().toString()));
    }

    /** Says that records were lost since the last notice; at most once a second unless {@code now}. */
    private void announceLosses(boolean now) {
        long lost = lost();
        long nanos = System.nanoTime();
        if (lost == announcedLost || failure != null
                || (!now && announcedLost > 0 && nanos - announcedAtNanos < NOTICE_EVERY_NANOS)) {
            return;
        }
        String message = String.format(Locale.ROOT, "the recorder is behind: %,d received message%s or request%s "
                + "not recorded (in all: %,d); the recording marks the hole, and replay reports it. Record to a "
                + "faster disk, or give the recorder a larger buffer", lost - announcedLost,
                lost - announcedLost == 1 ? "" : "s", lost - announcedLost == 1 ? "" : "s", lost);
        announcedLost = lost;
        announcedAtNanos = nanos;
        LOG.warn("{}", message);
        notices.notice("recording-behind", message, Map.of("directory", options.directory().toString(),
                "lost", Long.toString(lost)));
    }

    /** Writes what is buffered, closes the last file and says what was recorded. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        buffer.close(now());
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("the recorder did not finish writing to {} within 30 s; the last file may end early",
                    options.directory());
        }
        Stats stats = stats();
        LOG.info("Recorded {} records ({} compressed bytes) to {} in {} file{}{}", stats.records(),
                stats.compressedBytes(), options.directory(), stats.files(), stats.files() == 1 ? "" : "s",
                stats.lost() == 0 ? "" : "; " + stats.lost() + " not recorded");
    }
}

package io.marketfeed.runtime.record;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The files of one recording: compresses batches into the current file, flushing after each so that what was
 * written survives a crash, and starts the next file when the current one is big or old enough (see
 * {@link RecordFormat} for names and layout).
 *
 * <p>Threading: used by the recorder's writer thread only.
 */
final class RecordFiles implements AutoCloseable {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path directory;
    private final long recordingId;
    private final RecordOptions options;
    private final Clock clock;
    private Counting counted;
    private OutputStream out;
    private long openedAtNanos;
    private int sequence;
    private long compressedBefore;
    private int files;

    RecordFiles(RecordOptions options, long recordingId, Clock clock) {
        this.directory = options.directory();
        this.options = options;
        this.recordingId = recordingId;
        this.clock = clock;
    }

    /** Writes one batch of whole records, then flushes it through the compressor to the file. */
    void write(RecordBuffer.Batch batch) throws IOException {
        if (out == null || counted.count >= options.maxFileBytes()
                || System.nanoTime() - openedAtNanos >= options.maxFileAge().toNanos()) {
            next();
        }
        out.write(batch.data, 0, batch.size);
        out.flush();
    }

    private void next() throws IOException {
        finish();
        Files.createDirectories(directory);
        java.time.Instant started = clock.instant();
        Path file;
        OutputStream opened;
        while (true) {
            sequence++;
            file = directory.resolve(String.format(Locale.ROOT, "%s%s-%04d%s", RecordFormat.PREFIX,
                    STAMP.format(started), sequence, RecordFormat.SUFFIX));
            try {
                opened = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException e) {
                // Another recording started a file in the same millisecond: take the next number.
            }
        }
        counted = new Counting(opened);
        out = new GZIPOutputStream(new BufferedOutputStream(counted, 64 << 10), 64 << 10, true) {
            {
                // Market data is repetitive text: the fastest level already compresses it about five times, and
                // keeps the writer ahead of a busy feed.
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        openedAtNanos = System.nanoTime();
        files++;
        DataOutputStream header = new DataOutputStream(out);
        header.write(RecordFormat.MAGIC);
        header.writeByte(RecordFormat.VERSION);
        header.writeLong(recordingId);
        header.writeLong(RecordFormat.epochNanos(started));
    }

    private void finish() throws IOException {
        if (out != null) {
            OutputStream closing = out;
            out = null;
            closing.close();
            compressedBefore += counted.count;
        }
    }

    /** Compressed bytes written to every file so far. */
    long compressedBytes() {
        return compressedBefore + (out == null ? 0 : counted.count);
    }

    /** Files started so far. */
    int files() {
        return files;
    }

    /** Writes the gzip trailer and closes the current file. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /** Counts the compressed bytes that reach the file. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

package io.marketfeed.sink.file;

import io.marketfeed.sink.json.JsonlEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * One jsonl file being written under its {@code .part} name, plain or gzip-compressed, until {@link #finish()}
 * renames it to its complete name.
 *
 * <p>A gzip file is written with sync flushes: after {@link #flush()} every line appended so far can be
 * decompressed from the file (it lacks only the gzip trailer), so a file left by a crash can be repaired
 * ({@link PartRepair}).
 *
 * <p>Owned by the {@link FileSink} that made it, on that sink's writer thread.
 */
final class PartFile {

    private static final int BUFFER = 64 * 1024;

    private final Path part;
    private final Path complete;
    private final Instant openedAt;
    private final FileChannel channel;
    private final Gzip gzip;
    private final OutputStream out;
    private long plainBytes;

    private PartFile(Path part, Path complete, Instant openedAt, FileChannel channel, boolean compressed)
            throws IOException {
        this.part = part;
        this.complete = complete;
        this.openedAt = openedAt;
        this.channel = channel;
        OutputStream file = Channels.newOutputStream(channel);
        if (compressed) {
            gzip = new Gzip(file);
            out = new BufferedOutputStream(gzip, BUFFER);
        } else {
            gzip = null;
            out = new BufferedOutputStream(file, BUFFER);
        }
    }

    /**
     * Creates {@code part}, which must not exist yet.
     *
     * @param complete the name {@code part} gets when finished
     * @param openedAt when the file was started, for rotation by time
     */
    static PartFile create(Path part, Path complete, Instant openedAt, boolean compressed) throws IOException {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new PartFile(part, complete, openedAt, channel, compressed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path part() {
        return part;
    }

    Path complete() {
        return complete;
    }

    Instant openedAt() {
        return openedAt;
    }

    /** Writes what {@code encoder} holds and empties it. */
    void append(JsonlEncoder encoder) throws IOException {
        plainBytes += encoder.size();
        encoder.writeTo(out);
    }

    /**
     * The file's size on disk: exact for a plain file; for a gzip file, the compressed bytes deflate has given
     * out so far, exact after {@link #flush()} and behind by what deflate holds before.
     */
    long size() {
        return gzip == null ? plainBytes : gzip.compressedBytes();
    }

    /** Hands every line appended to the operating system: a reader (or this process's next run) sees them. */
    void flush() throws IOException {
        out.flush();
    }

    /**
     * Completes the file (gzip trailer), forces it to the disk, closes it and renames it to its complete name.
     * One fsync per file, so that a complete name means complete content even after a power loss.
     */
    void finish() throws IOException {
        out.flush();
        if (gzip != null) {
            gzip.finish();
        }
        channel.force(false);
        out.close(); // closes the channel, and frees the deflater of a gzip file
        Files.move(part, complete, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes the file after a failure, leaving it under its {@code .part} name for {@link PartRepair}. */
    void abandon() {
        if (gzip != null) {
            gzip.release();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to do with it: the repair reads what reached the file.
        }
    }

    /** A sync-flushing gzip stream that tells how much it has written. */
    private static final class Gzip extends GZIPOutputStream {

        /** The gzip header, written when the stream is made. */
        private static final int HEADER = 10;

        Gzip(OutputStream file) throws IOException {
            super(file, BUFFER, true);
        }

        /** What deflate has given out, all of it written on at once: the bytes in the file. */
        long compressedBytes() {
            return HEADER + def.getBytesWritten();
        }

        /** Frees the deflater without writing anything more. */
        void release() {
            def.end();
        }
    }
}

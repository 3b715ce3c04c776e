package io.marketfeed.runtime.record;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how a {@link FrameRecorder} writes: the folder, when a file is rotated, and how much may wait in memory
 * for the writer. Immutable.
 *
 * @param directory the recording folder; created when missing
 * @param maxFileBytes a file is closed and the next one started once this many compressed bytes were written to it
 * @param maxFileAge ... or once it is this old
 * @param bufferBytes the most bytes of records waiting for the writer; a record that would exceed it is not kept but
 *     counted, announced, and marked in the recording (see {@link FrameRecorder})
 * @param batchBytes records are handed to the writer in batches of about this size
 * @param flushInterval the longest a record waits before it is compressed and written (and so survives a crash)
 */
public record RecordOptions(Path directory, long maxFileBytes, Duration maxFileAge, long bufferBytes, int batchBytes,
        Duration flushInterval) {

    public RecordOptions {
        requireNonNull(directory, "directory is null");
        requireNonNull(maxFileAge, "maxFileAge is null");
        requireNonNull(flushInterval, "flushInterval is null");
        positive(maxFileBytes, "maxFileBytes");
        positive(bufferBytes, "bufferBytes");
        positive(batchBytes, "batchBytes");
        positive(maxFileAge.toNanos(), "maxFileAge");
        positive(flushInterval.toNanos(), "flushInterval");
    }

    /** Files of 64 MiB or one hour, up to 32 MiB waiting for the writer in 64 KiB batches, flushed every 200 ms. */
    public static RecordOptions in(Path directory) {
        return new RecordOptions(directory, 64L << 20, Duration.ofHours(1), 32L << 20, 64 << 10,
                Duration.ofMillis(200));
    }

    public RecordOptions withRotation(long maxFileBytes, Duration maxFileAge) {
        return new RecordOptions(directory, maxFileBytes, maxFileAge, bufferBytes, batchBytes, flushInterval);
    }

    public RecordOptions withBuffer(long bufferBytes, int batchBytes) {
        return new RecordOptions(directory, maxFileBytes, maxFileAge, bufferBytes, batchBytes, flushInterval);
    }

    public RecordOptions withFlushInterval(Duration flushInterval) {
        return new RecordOptions(directory, maxFileBytes, maxFileAge, bufferBytes, batchBytes, flushInterval);
    }

    /**
     * Why {@code directory} cannot hold a recording, or empty when it can: it is a folder that can be written, or it
     * does not exist and its nearest existing parent is such a folder (it is then created when recording starts).
     */
    public static Optional<String> problem(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                return Optional.of(directory + " is a file, not a folder; name a folder to record into");
            }
            return Files.isWritable(absolute) ? Optional.empty()
                    : Optional.of("the folder " + directory + " cannot be written; check its permissions");
        }
        Path parent = absolute.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            return Optional.of("the folder " + directory + " cannot be created (" + parent
                    + " is not a folder that can be written); name another folder");
        }
        return Optional.empty();
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}

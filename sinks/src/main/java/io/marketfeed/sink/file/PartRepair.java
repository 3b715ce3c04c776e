package io.marketfeed.sink.file;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a {@code .part} file that was not finished: left by a run that crashed, or by this run after a write
 * failed. What it holds is complete lines up to the last flush, perhaps followed by part of a line (the process
 * stopped while writing); that torn end is cut off at the last {@code '\n'} and the file gets its complete name.
 * A plain file is truncated in place; a gzip file (which also lacks its trailer) is decompressed as far as it
 * goes and written again, via a {@code .repair} file that replaces the complete name atomically (so it needs
 * room for a copy: on a full disk it fails, and is tried again at the next open). A file with no complete line is
 * deleted.
 *
 * <p>Repairing the same file again after a crash half-way gives the same result. Stateless.
 */
final class PartRepair {

    static final String PART = ".part";
    private static final String GZIP = ".gz";
    private static final int CHUNK = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PartRepair.class);

    private PartRepair() {
    }

    /**
     * Repairs {@code part} (a name ending in {@code .part}) and renames it to that name without {@code .part}.
     *
     * @return the complete file, or null when nothing was worth keeping and {@code part} was deleted
     */
    static Path repair(Path part) throws IOException {
        String name = part.getFileName().toString();
        if (!name.endsWith(PART)) {
            throw new IllegalArgumentException(part + " is not a .part file");
        }
        Path complete = part.resolveSibling(name.substring(0, name.length() - PART.length()));
        long kept = complete.getFileName().toString().endsWith(GZIP) ? regzip(part, complete) : truncate(part);
        if (kept == 0) {
            Files.delete(part);
            log.warn("Deleted {}: it held no complete line", part);
            return null;
        }
        if (Files.exists(part)) {
            Files.move(part, complete, StandardCopyOption.ATOMIC_MOVE);
        }
        log.info("Completed {}, left unfinished by a stopped writer", complete);
        return complete;
    }

    /** Cuts a plain file after its last line; returns the bytes kept. */
    private static long truncate(Path part) throws IOException {
        try (FileChannel file = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            long kept = endOfLastLine(file, size);
            if (kept < size) {
                file.truncate(kept);
                log.warn("Cut off the torn last line of {} ({} bytes after the last complete line)", part,
                        size - kept);
            }
            return kept;
        }
    }

    /** The offset just after the last {@code '\n'} before {@code size}, or 0. */
    private static long endOfLastLine(FileChannel file, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            buffer.clear().limit((int) (end - start));
            while (buffer.hasRemaining()) {
                if (file.read(buffer, start + buffer.position()) < 0) {
                    throw new EOFException("file shrank while being read");
                }
            }
            for (int i = buffer.limit() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /**
     * Decompresses {@code part} as far as it goes and writes its complete lines to {@code complete} as a finished
     * gzip file; returns the uncompressed bytes kept. Deletes {@code part} when something was kept.
     */
    private static long regzip(Path part, Path complete) throws IOException {
        Path repair = complete.resolveSibling(complete.getFileName() + ".repair");
        try {
            return regzip(part, complete, repair);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(repair); // the next repair starts it again
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static long regzip(Path part, Path complete, Path repair) throws IOException {
        long kept = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try (InputStream in = openGzip(part);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(repair), CHUNK)) {
            byte[] chunk = new byte[CHUNK];
            while (true) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (EOFException | ZipException e) {
                    break; // the end of what reached the disk, without the gzip trailer
                }
                if (n < 0) {
                    break;
                }
                int lastLineEnd = lastNewline(chunk, n);
                if (lastLineEnd < 0) {
                    pending.write(chunk, 0, n);
                } else {
                    pending.writeTo(out);
                    out.write(chunk, 0, lastLineEnd + 1);
                    kept += pending.size() + lastLineEnd + 1;
                    pending.reset();
                    pending.write(chunk, lastLineEnd + 1, n - lastLineEnd - 1);
                }
            }
        }
        if (pending.size() > 0) {
            log.warn("Cut off the torn last line of {} ({} bytes after the last complete line)", part,
                    pending.size());
        }
        if (kept == 0) {
            Files.delete(repair);
            return 0;
        }
        Files.move(repair, complete, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(part);
        return kept;
    }

    /** The decompressed content of {@code part}; empty when the file ends inside the gzip header. */
    private static InputStream openGzip(Path part) throws IOException {
        InputStream raw = Files.newInputStream(part);
        try {
            return new GZIPInputStream(raw, CHUNK);
        } catch (EOFException e) {
            raw.close();
            return InputStream.nullInputStream();
        } catch (ZipException e) {
            raw.close();
            throw new IOException(part + " is not gzip data (" + e.getMessage() + "); move it out of the folder",
                    e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

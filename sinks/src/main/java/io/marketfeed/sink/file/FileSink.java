package io.marketfeed.sink.file;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.Sink;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events as JSON lines to files in a folder: each line is exactly what {@link JsonlEncoder} writes for
 * the event (the documented jsonl schema), so {@code cat} or {@code zcat} and {@code jq} read them.
 *
 * <p><b>Files.</b> Names are {@code <prefix>-<yyyyMMdd'T'HHmmss>-<n>.jsonl}, or {@code .jsonl.gz} with
 * {@code gzip = true}: the UTC time the file was started, and a number that counts up within the run (six digits
 * or more, so names sort in the order written; a name that is already taken is skipped). The file being written
 * has the suffix {@code .part}, which an atomic rename removes once it is complete: a reader that takes
 * {@code *.jsonl} or {@code *.jsonl.gz} never sees a half-written file. Files are started when there is an event
 * to write, so an idle sink makes no empty files.
 *
 * <p><b>Rotation.</b> A file is finished once it holds {@code rotate-size} bytes on disk (the line that reaches
 * the limit is its last; for gzip the compressed size counts, as deflate gives it out, so a gzip file can
 * pass the limit by what deflate holds, some KiB), and at the first {@link #write} at least
 * {@code rotate-interval} after it was started. Time is only looked at in {@code write}: while no events come,
 * the current file stays open under its {@code .part} name until the next event or {@link #close()}.
 *
 * <p><b>Durability.</b> {@code write} returns once every line of the batch is flushed to the file, so they are
 * in the operating system, which keeps them when the process crashes; for gzip the stream is sync-flushed, so
 * a reader can decompress every line written so far. Batches are not forced to the disk (no fsync per batch);
 * each finished file is, once, before its rename.
 *
 * <p><b>Repeats.</b> A file cannot refuse a line it already holds, and lines carry no id (they are exactly
 * the jsonl schema): after a failed write, or a crash before the writer recorded a batch as written, that batch
 * is written again, so its lines can appear twice. Readers that must not count an event twice should use a
 * store with unique keys (such as the sqlite sink) or drop repeated lines themselves.
 *
 * <p><b>Recovery.</b> {@link #open()} completes every {@code .part} file of this prefix that an earlier run left:
 * it holds complete lines up to the last flush, and a torn last line, if any, is cut off at the last
 * {@code '\n'} ({@link PartRepair}). The same happens in {@link #close()} to the current file after a failed
 * write. A hidden lock file {@code .<prefix>.lock} keeps a second sink (in this or another process) from
 * writing, and repairing, the same files: each file sink needs its own folder or prefix.
 *
 * <p>Not thread safe: called by its {@code SinkWriter}'s single thread, as {@link Sink} says.
 */
public final class FileSink implements Sink {

    static final String JSONL = ".jsonl";
    static final String GZIP = ".gz";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(FileSink.class);

    private final FileSinkSettings settings;
    private final Clock clock;
    private final Pattern leftover;
    private final JsonlEncoder encoder = new JsonlEncoder();
    private FileChannel lockFile;
    private FileLock lock;
    private PartFile current;
    /** A write to {@link #current} failed: its end is unknown until it is repaired. */
    private boolean currentBroken;
    private long nextNumber = 1;

    /** A sink that reads the time from {@code clock}: the system's UTC clock, or a test's. */
    FileSink(FileSinkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.leftover = Pattern.compile(Pattern.quote(settings.prefix()) + "-\\d{8}T\\d{6}-\\d+"
                + Pattern.quote(JSONL) + "(" + Pattern.quote(GZIP) + ")?" + Pattern.quote(PartRepair.PART));
    }

    /** Creates the folder, locks this prefix in it, and completes the {@code .part} files an earlier run left. */
    @Override
    public void open() throws IOException {
        if (lock != null) {
            throw new IllegalStateException("the file sink writing " + settings.dir() + " is already open");
        }
        Path dir = settings.dir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create folder " + dir + ": " + IoReasons.of(e) + "; set "
                    + settings.dirKey() + " to a folder this user can write", e);
        }
        lock(dir);
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, settings.prefix() + "-*" + PartRepair.PART)) {
            for (Path file : files) {
                if (leftover.matcher(file.getFileName().toString()).matches()) {
                    parts.add(file);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list folder " + dir + ": " + IoReasons.of(e), e);
        }
        Collections.sort(parts);
        for (Path part : parts) {
            repair(part, "left by an earlier run");
        }
    }

    private void lock(Path dir) throws IOException {
        Path path = dir.resolve("." + settings.prefix() + ".lock");
        try {
            lockFile = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write in folder " + dir + ": " + IoReasons.of(e) + "; set "
                    + settings.dirKey() + " to a folder this user can write", e);
        }
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another sink of this process
        }
        if (lock == null) {
            releaseLock();
            throw new IOException("another file sink (in this or another process) writes " + settings.prefix()
                    + "-* files in folder " + dir + "; give each file sink its own dir or prefix");
        }
    }

    /**
     * Appends a line per event and flushes them to the file, starting a new file first when the current one is
     * {@code rotate-interval} old, and after any line that takes it to {@code rotate-size}.
     */
    @Override
    public void write(EventBatch batch) throws IOException {
        if (lock == null) {
            throw new IllegalStateException("the file sink writing " + settings.dir() + " is not open");
        }
        if (currentBroken) {
            repairCurrent();
        }
        encoder.reset();
        Instant now = clock.instant();
        try {
            if (current != null && !now.isBefore(current.openedAt().plus(settings.rotateInterval()))) {
                finishCurrent();
            }
            for (MarketEvent event : batch.events()) {
                if (current == null) {
                    current = start(now);
                }
                encoder.write(event);
                current.append(encoder);
                if (current.size() >= settings.rotateSize()) {
                    finishCurrent();
                }
            }
            if (current != null) {
                current.flush();
                if (current.size() >= settings.rotateSize()) {
                    finishCurrent();
                }
            }
        } catch (IOException e) {
            currentBroken = current != null;
            throw new IOException("cannot write " + (current != null ? current.part() : "in folder " + settings.dir())
                    + ": " + IoReasons.of(e) + "; free space or fix permissions there, or set " + settings.dirKey()
                    + " to another folder", e);
        }
    }

    /** A new file, named after {@code now} and the next free number. */
    private PartFile start(Instant now) throws IOException {
        String stamp = STAMP.format(now);
        String suffix = settings.gzip() ? JSONL + GZIP : JSONL;
        while (true) {
            String name = settings.prefix() + "-" + stamp + "-" + String.format(Locale.ROOT, "%06d", nextNumber++)
                    + suffix;
            Path complete = settings.dir().resolve(name);
            if (Files.exists(complete)) {
                continue;
            }
            try {
                return PartFile.create(complete.resolveSibling(name + PartRepair.PART), complete, now,
                        settings.gzip());
            } catch (FileAlreadyExistsException e) {
                // Taken by an earlier run's leftover: try the next number.
            }
        }
    }

    /** Finishes the current file; when that fails, it stays current and broken. */
    private void finishCurrent() throws IOException {
        current.finish();
        log.debug("Finished {}", current.complete());
        current = null;
    }

    private void repairCurrent() throws IOException {
        PartFile broken = current;
        current = null;
        currentBroken = false;
        broken.abandon();
        repair(broken.part(), "after a failed write");
    }

    private static void repair(Path part, String why) throws IOException {
        try {
            PartRepair.repair(part);
        } catch (IOException e) {
            throw new IOException("cannot complete " + part + ", " + why + ": " + IoReasons.of(e), e);
        }
    }

    /** Finishes the current file (after a failed write, repairs it) and unlocks the folder. Never throws. */
    @Override
    public void close() {
        try {
            if (current != null && !currentBroken) {
                try {
                    finishCurrent();
                } catch (IOException e) {
                    log.warn("Could not finish {} ({}); repairing it", current.part(), IoReasons.of(e));
                    currentBroken = true;
                }
            }
            if (current != null) {
                repairCurrent();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{}; it is completed when the sink is opened again", e.getMessage());
        } finally {
            current = null;
            currentBroken = false;
            encoder.reset();
            releaseLock();
        }
    }

    private void releaseLock() {
        try {
            if (lockFile != null) {
                lockFile.close(); // releases the lock
            }
        } catch (IOException e) {
            // The lock goes with the channel in any case.
        }
        lockFile = null;
        lock = null;
    }

    @Override
    public String toString() {
        return "FileSink[" + settings.dir().resolve(settings.prefix() + "-*") + (settings.gzip() ? ", gzip]" : "]");
    }
}

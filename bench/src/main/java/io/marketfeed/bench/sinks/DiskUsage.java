package io.marketfeed.bench.sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Sizes of files and folders on disk, and deleting a folder. Stateless. */
final class DiskUsage {

    private DiskUsage() {
    }

    /**
     * The bytes of every regular file under {@code path} (their length, not the blocks they take); 0 if missing.
     * Files that a writer deletes meanwhile (spool segments) may make a walk fail: it is tried again.
     */
    static long of(Path path) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(path)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).mapToLong(DiskUsage::size).sum();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    throw e instanceof UncheckedIOException unchecked ? unchecked
                            : new UncheckedIOException((IOException) e);
                }
            }
        }
    }

    /** Deletes {@code folder} and everything in it; quietly does nothing when it is gone. */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("sinks: could not delete " + folder + ": " + e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted meanwhile (a spool segment, a rotated part)
        }
    }
}

package io.marketfeed.sink.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link FileSink} writes where, as read and checked by {@link FileSinkFactory}.
 *
 * @param dir the folder of the files
 * @param prefix the start of every file name, safe in a file name
 * @param rotateSize a file is finished once it holds this many bytes on disk
 * @param rotateInterval a file is finished at the first write this long after it was started
 * @param gzip whether files are gzip-compressed ({@code .jsonl.gz})
 * @param dirKey the full path of the {@code dir} key, for messages ({@code marketfeed.sinks[0].dir})
 */
record FileSinkSettings(Path dir, String prefix, long rotateSize, Duration rotateInterval, boolean gzip,
        String dirKey) {

    FileSinkSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(rotateInterval, "rotateInterval");
        Objects.requireNonNull(dirKey, "dirKey");
        if (rotateSize <= 0 || rotateInterval.isNegative() || rotateInterval.isZero()) {
            throw new IllegalArgumentException("rotateSize and rotateInterval must be positive");
        }
    }
}

package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How this run ends and what it tells people, from the command line.
 *
 * @param duration how long to stream; empty streams until stopped
 * @param stopRequest completes (with a reason) on SIGINT, SIGTERM or when stdout goes away
 * @param err stderr, for the final message
 * @param notes lines shown above the table, such as "demo data from the built-in simulator"
 * @param record the folder to record every received message into ({@code --record}); empty records nothing
 */
public record RunOptions(Optional<Duration> duration, CompletableFuture<String> stopRequest, PrintStream err,
        List<String> notes, Optional<Path> record) {

    public RunOptions {
        requireNonNull(duration, "duration is null");
        requireNonNull(stopRequest, "stopRequest is null");
        requireNonNull(err, "err is null");
        notes = List.copyOf(notes);
        requireNonNull(record, "record is null");
    }

    /** A run that records nothing. */
    public RunOptions(Optional<Duration> duration, CompletableFuture<String> stopRequest, PrintStream err,
            List<String> notes) {
        this(duration, stopRequest, err, notes, Optional.empty());
    }
}

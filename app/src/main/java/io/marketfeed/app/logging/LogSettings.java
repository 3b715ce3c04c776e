package io.marketfeed.app.logging;

import io.marketfeed.api.SettingsProblem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the runner logs, beyond the level: {@code MARKETFEED_LOG_FORMAT} ({@code text}, the default, or {@code json}:
 * one JSON object per line) and {@code MARKETFEED_LOG_FILE} (a file that also receives every log line, rotated). Each
 * is read like {@code MARKETFEED_LOG_LEVEL}: the system property of that name first, then the environment variable.
 *
 * <p>Immutable.
 *
 * @param format the line format, on stderr and in the file
 * @param file the log file, when one is asked for
 */
public record LogSettings(Format format, Optional<Path> file) {

    /** The variable (and system property) that chooses the format. */
    public static final String FORMAT_VARIABLE = "MARKETFEED_LOG_FORMAT";
    /** The variable (and system property) that names the log file. */
    public static final String FILE_VARIABLE = "MARKETFEED_LOG_FILE";
    /** Both, for the command line to pick from the JVM's system properties. */
    public static final List<String> VARIABLES = List.of(FORMAT_VARIABLE, FILE_VARIABLE);

    /** The two line formats. */
    public enum Format {
        /** {@code 2026-12-04T15:30:00.123Z INFO  FeedRunner - Streaming from sahmk}. */
        TEXT,
        /** {@code {"time":"2026-12-04T15:30:00.123Z","level":"INFO",...}}; see {@link JsonLogEncoder}. */
        JSON
    }

    /** Text on stderr, no file: what an unset environment gives. */
    public static final LogSettings DEFAULT = new LogSettings(Format.TEXT, Optional.empty());

    /** The settings in effect, or the problems that make them unusable (then nothing is changed). */
    public sealed interface Reading {
    }

    /** @param settings what to apply */
    public record Valid(LogSettings settings) implements Reading {
    }

    /** @param problems one per variable, saying what is wrong and how to fix it */
    public record Invalid(List<SettingsProblem> problems) implements Reading {
    }

    /**
     * Reads both variables.
     *
     * @param systemProperties the process's system properties (at least the two of these names, when set)
     * @param environment the environment
     */
    public static Reading read(Map<String, String> systemProperties, Map<String, String> environment) {
        List<SettingsProblem> problems = new ArrayList<>();
        Format format = Format.TEXT;
        Optional<Value> formatValue = lookup(FORMAT_VARIABLE, systemProperties, environment);
        if (formatValue.isPresent()) {
            String word = formatValue.get().text().toUpperCase(Locale.ROOT); // no trimming, like the level
            if (word.equals("TEXT") || word.equals("JSON")) {
                format = Format.valueOf(word);
            } else {
                String text = formatValue.get().text();
                // The value is shown only when it is a plain word: nothing that could garble the terminal.
                problems.add(formatValue.get().problem((text.isBlank() ? "is empty" : "unknown log format"
                        + (text.matches("[\\w.-]{1,40}") ? " '" + text + "'" : ""))
                        + "; use text or json (in any case), or unset it for text"));
            }
        }
        Optional<Path> file = Optional.empty();
        Optional<Value> fileValue = lookup(FILE_VARIABLE, systemProperties, environment);
        if (fileValue.isPresent()) {
            Optional<String> problem = fileProblem(fileValue.get().text());
            if (problem.isPresent()) {
                problems.add(fileValue.get().problem(problem.get()));
            } else {
                file = Optional.of(Path.of(fileValue.get().text()).toAbsolutePath().normalize());
            }
        }
        return problems.isEmpty() ? new Valid(new LogSettings(format, file)) : new Invalid(List.copyOf(problems));
    }

    /** What is wrong with a log file path, checked before logback would fail on it silently. */
    private static Optional<String> fileProblem(String text) {
        if (text.isBlank()) {
            return Optional.of("is empty; name a file such as /var/log/marketfeed/marketfeed.log, or unset it");
        }
        if (text.contains("%")) {
            // Rotated files are named <file>.%d{...}.%i.gz, a pattern in which % is special.
            return Optional.of("contains '%'; choose a path without it");
        }
        Path path;
        try {
            path = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path: " + e.getMessage());
        }
        if (Files.isDirectory(path)) {
            return Optional.of(path + " is a folder; name a file in it, such as " + path.resolve("marketfeed.log"));
        }
        if (Files.exists(path)) {
            return Files.isWritable(path) ? Optional.empty()
                    : Optional.of(path + " cannot be written by this user; change its owner or choose another file");
        }
        // Logback creates missing folders: the nearest existing one must let this user create them.
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Optional.of("cannot create " + path + " (" + (existing == null ? "no existing parent folder"
                    : existing + " is not a folder this user can write to") + "); create the folder with write "
                    + "access for this user, or choose another file");
        }
        return Optional.empty();
    }

    private static Optional<Value> lookup(String variable, Map<String, String> systemProperties,
            Map<String, String> environment) {
        if (systemProperties.containsKey(variable)) {
            return Optional.of(new Value(variable, "system property -D" + variable, systemProperties.get(variable)));
        }
        if (environment.containsKey(variable)) {
            return Optional.of(new Value(variable, "environment variable " + variable, environment.get(variable)));
        }
        return Optional.empty();
    }

    private record Value(String variable, String origin, String text) {
        SettingsProblem problem(String message) {
            return new SettingsProblem(variable, origin, message);
        }
    }
}

package io.marketfeed.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One sink's configuration block, as a {@link SinkFactory} reads it. Every getter checks the value's type and
 * range and throws {@link #problem} (naming the key, where it was set, and what to write instead) when it is
 * wrong, so a factory only states what it needs.
 */
public interface SinkConfig {

    /** Keys every sink type has; the {@link SinkWriter} reads them, not the factory. */
    Set<String> COMMON_KEYS = Set.of("type", "name", "batch-size", "flush-interval", "queue-capacity", "spool",
            "retry");

    /** This sink's name: its {@code name} key, else its type (unique among the configured sinks). */
    String name();

    /**
     * The block's own path, such as {@code marketfeed.sinks[0]}: a message about a key found later (when the
     * store refuses a password) names it as {@code blockPath() + ".password"}.
     */
    String blockPath();

    Optional<String> string(String key);

    String string(String key, String fallback);

    /** A value that must be set. */
    String requiredString(String key);

    /** A secret (password, key): never logged, never in a message; {@code ${?ENV}} substitution works. */
    Optional<String> secret(String key);

    int integer(String key, int fallback, int min, int max);

    /** A size such as {@code 64MiB} or a plain number of bytes. */
    long bytes(String key, long fallback, long min);

    /** A duration such as {@code 200ms}; must be positive. */
    Duration duration(String key, Duration fallback);

    boolean flag(String key, boolean fallback);

    /** One of {@code allowed}, in lower case. */
    String choice(String key, String fallback, Set<String> allowed);

    List<String> strings(String key, List<String> fallback);

    /** An object of string values, such as extra client properties; empty when absent. */
    Map<String, String> table(String key);

    /** A file or folder, relative paths resolved against the working directory. */
    Path path(String key, String fallback);

    /**
     * An exception naming this sink, the key, where it was set, and {@code message} (say what is wrong and what
     * to write instead). Throw it.
     */
    RuntimeException problem(String key, String message);
}

package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import java.util.List;

/**
 * A configuration merged from all layers and resolved, not yet validated.
 *
 * @param source the user's layer (file or built-in)
 * @param merged every layer, resolved, limited to {@code marketfeed}
 * @param userLayer what the user wrote (source and overrides), unresolved
 * @param reference the merged {@code reference.conf} files, resolved without an environment
 * @param known every key the reference declares
 */
public record LoadedConfig(ConfigSource source, Config merged, Config userLayer, Config reference, KnownKeys known) {

    public LoadedConfig {
        requireNonNull(source, "source is null");
        requireNonNull(merged, "merged is null");
        requireNonNull(userLayer, "userLayer is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(known, "known is null");
    }

    /** A boolean read without failing: validation reports a wrongly typed value; until then it counts as false. */
    public boolean flag(String path) {
        try {
            return merged.hasPath(path) && merged.getBoolean(path);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the value at {@code path} (or its nearest parent) came from, formatted {@code file:line}. */
    public String origin(String path) {
        return ConfigValues.origin(merged, path);
    }

    /** A list of strings read without failing, like {@link #flag}: empty when it is missing or not one. */
    public List<String> texts(String path) {
        try {
            return merged.hasPath(path) ? List.copyOf(merged.getStringList(path)) : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A string read without failing, like {@link #flag}. */
    public String text(String path, String otherwise) {
        try {
            return merged.hasPath(path) ? merged.getString(path) : otherwise;
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}

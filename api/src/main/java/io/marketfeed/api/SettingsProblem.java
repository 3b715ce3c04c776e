package io.marketfeed.api;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a provider's settings.
 *
 * @param path the full config path, for example {@code marketfeed.providers.sahmk.symbols}
 * @param origin where the value came from ({@code demo.conf:12}), or empty when unknown
 * @param message what is wrong and how to fix it
 */
public record SettingsProblem(String path, String origin, String message) {
    public SettingsProblem {
        requireNonNull(path, "path is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return path + (origin.isEmpty() ? "" : " (" + origin + ")") + ": " + message;
    }
}

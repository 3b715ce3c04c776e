package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.marketfeed.app.sink.ConfiguredSink;
import java.util.List;

/**
 * A configuration that passed every check; nothing in it can fail on read any more.
 *
 * @param loaded what it was validated from
 * @param app the runner's settings
 * @param providers the enabled providers, in configuration order
 * @param sinks the sinks to record into ({@code marketfeed.sinks}), made but not connected
 */
public record ValidatedConfig(LoadedConfig loaded, AppSettings app, List<EnabledProvider> providers,
        List<ConfiguredSink> sinks) {

    public ValidatedConfig {
        requireNonNull(loaded, "loaded is null");
        requireNonNull(app, "app is null");
        providers = List.copyOf(providers);
        sinks = List.copyOf(sinks);
    }

    /** The merged configuration, limited to {@code marketfeed}. */
    public Config config() {
        return loaded.merged();
    }
}

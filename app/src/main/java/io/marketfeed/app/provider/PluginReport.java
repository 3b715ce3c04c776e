package io.marketfeed.app.provider;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.marketfeed.api.MarketFeedProvider;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link PluginLoader} found in the plugin folder.
 *
 * @param folder the plugin folder; empty when none was looked at (tests, embedding)
 * @param folderExists whether it exists; a missing folder only means that there are no plugins
 * @param plugins each jar and sub-folder of the folder, in name order
 */
public record PluginReport(Optional<Path> folder, boolean folderExists, List<Plugin> plugins) {

    public PluginReport {
        requireNonNull(folder, "folder is null");
        plugins = List.copyOf(plugins);
    }

    /** No plugin folder at all: only the providers on the class path. */
    public static PluginReport none() {
        return new PluginReport(Optional.empty(), false, List.of());
    }

    /**
     * One plugin: a jar directly in the plugin folder, or a sub-folder of jars.
     *
     * @param path the jar or the sub-folder
     * @param providers the providers its own class loader defines, already created
     * @param problems why the plugin, or one of its providers, could not be loaded; empty when all is well
     * @param reference its own {@code reference.conf} files, merged and unresolved; empty when it has none
     * @param declaredIds sorted: the provider ids its {@code reference.conf} has a block for,
     *     {@code marketfeed.providers.<id>}: what it was meant to provide, even when its providers failed
     */
    public record Plugin(Path path, List<MarketFeedProvider> providers, List<String> problems, Config reference,
            Set<String> declaredIds) {

        public Plugin {
            requireNonNull(path, "path is null");
            providers = List.copyOf(providers);
            problems = List.copyOf(problems);
            requireNonNull(reference, "reference is null");
            declaredIds = Collections.unmodifiableSortedSet(new TreeSet<>(declaredIds));
        }

        /** A plugin that could not be opened at all. */
        static Plugin failed(Path path, String problem) {
            return new Plugin(path, List.of(), List.of(problem), ConfigFactory.empty(), Set.of());
        }
    }
}

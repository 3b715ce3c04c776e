package io.marketfeed.app.provider;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.app.config.ConfigPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads provider plugins from the plugin folder: each {@code *.jar} directly in it, and each sub-folder (every jar
 * directly inside it, for a plugin with dependencies), in its own {@link PluginClassLoader}. Providers are found
 * with {@link ServiceLoader} through that loader.
 *
 * <p>One broken plugin never stops the others: a file that is not a jar, a bad service file, a missing class, a
 * constructor that throws, a broken {@code reference.conf} are each recorded with the plugin's path and the
 * reason, and loading goes on. Checks that need every provider at once (SPI version, duplicate ids) are
 * {@link ProviderRegistry}'s.
 *
 * <p>The class loaders of plugins that provide something stay open for the life of the process: their providers
 * are used until it ends.
 */
public final class PluginLoader {

    /** The plugin folder when configuration does not say: {@code plugins} beside the launcher. */
    public static final String DEFAULT_FOLDER = "plugins";

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private static final String SERVICE_FILE = "META-INF/services/" + MarketFeedProvider.class.getName();
    private static final String REFERENCE = "reference.conf";

    /** ServiceLoader moves on after a bad entry; this bound only guards against one that would never advance. */
    private static final int MAX_ENTRIES = 1_000;

    /** A class of each shared package: a plugin that bundles one carries a copy that is never used. */
    private static final List<String> SHARED_MARKERS = List.of("io/marketfeed/api/MarketFeedProvider.class",
            "org/slf4j/Logger.class");

    private static final Pattern SERVICE_ERROR = Pattern.compile(
            Pattern.quote(MarketFeedProvider.class.getName()) + ": (?:Provider )?(\\S+) (.*)");

    private PluginLoader() {
    }

    /**
     * The plugin folder: {@code configured} when it is absolute, otherwise resolved against {@code home} (the
     * launcher's folder, or the current directory).
     */
    public static Path folder(String configured, Path home) {
        return home.resolve(configured).toAbsolutePath().normalize();
    }

    /**
     * Loads every plugin in {@code folder}; a missing folder means no plugins.
     *
     * @param app the app's class loader, which supplies the shared packages
     */
    public static PluginReport load(Path folder, ClassLoader app) {
        if (!Files.exists(folder)) {
            log.debug("No plugin folder at {}", folder);
            return new PluginReport(Optional.of(folder), false, List.of());
        }
        if (!Files.isDirectory(folder)) {
            return new PluginReport(Optional.of(folder), true, List.of(PluginReport.Plugin.failed(folder,
                    "the plugin folder is a file; set " + ConfigPaths.PLUGIN_PATH + " to a folder")));
        }
        List<Path> entries;
        try {
            entries = list(folder);
        } catch (UncheckedIOException e) {
            return new PluginReport(Optional.of(folder), true, List.of(PluginReport.Plugin.failed(folder,
                    "the plugin folder cannot be read: " + describe(e.getCause()))));
        }
        List<PluginReport.Plugin> plugins = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                plugins.add(loadFolder(entry, app));
            } else if (isJar(entry)) {
                plugins.add(load(entry, List.of(entry), app));
            } else {
                log.debug("Not a plugin, ignored: {}", entry);
            }
        }
        return new PluginReport(Optional.of(folder), true, plugins);
    }

    private static PluginReport.Plugin loadFolder(Path folder, ClassLoader app) {
        List<Path> jars;
        try {
            jars = list(folder).stream().filter(PluginLoader::isJar).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            return PluginReport.Plugin.failed(folder, "cannot be read: " + describe(e.getCause()));
        }
        return load(folder, jars, app);
    }

    /** One plugin; whatever goes wrong becomes one of its problems. */
    private static PluginReport.Plugin load(Path path, List<Path> jars, ClassLoader app) {
        if (jars.isEmpty()) {
            return PluginReport.Plugin.failed(path, "the folder has no .jar files; a plugin folder holds the "
                    + "provider's jar and the jars it depends on");
        }
        for (Path jar : jars) {
            Optional<String> problem = unreadable(jar);
            if (problem.isPresent()) {
                return PluginReport.Plugin.failed(path, (jar.equals(path) ? "" : jar.getFileName() + ": ")
                        + problem.get());
            }
        }
        PluginClassLoader loader = new PluginClassLoader(path.toString(), urls(jars), app);
        try {
            PluginReport.Plugin plugin = load(path, loader);
            if (plugin.providers().isEmpty()) {
                close(loader);
            }
            return plugin;
        } catch (RuntimeException | LinkageError e) {
            // Nothing a plugin does may stop the others.
            log.debug("Plugin {} failed", path, e);
            close(loader);
            return PluginReport.Plugin.failed(path, describe(e));
        }
    }

    private static PluginReport.Plugin load(Path path, PluginClassLoader loader) {
        Config reference;
        try {
            reference = reference(loader);
        } catch (ConfigException e) {
            return PluginReport.Plugin.failed(path, "its reference.conf is not valid: " + e.getMessage());
        }
        warnAboutBundledSharedClasses(path, loader);
        List<MarketFeedProvider> providers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        eachProvider(loader, provider -> {
            if (provider.getClass().getClassLoader() == loader) {
                providers.add(provider);
            } else {
                // Seen through a parent, not defined by this plugin: it is not this plugin's to offer.
                log.debug("Plugin {}: {} is not defined by the plugin, ignored", path, provider.getClass().getName());
            }
        }, error -> {
            log.debug("Plugin {}: a provider failed", path, error);
            problems.add(describe(error) + hint(error));
        });
        if (providers.isEmpty() && problems.isEmpty()) {
            problems.add("it has no provider: no " + SERVICE_FILE + " in it lists a class");
        }
        return new PluginReport.Plugin(path, providers, problems, reference, declaredIds(reference));
    }

    /**
     * Creates every provider {@code loader} lists in {@code META-INF/services}; each error goes to {@code failed}
     * and the next entry is tried. A provider's constructor runs with its own class loader as the thread's
     * context class loader, as libraries inside a plugin expect.
     */
    static void eachProvider(ClassLoader loader, Consumer<MarketFeedProvider> found, Consumer<Throwable> failed) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Iterator<MarketFeedProvider> iterator = ServiceLoader.load(MarketFeedProvider.class, loader).iterator();
            for (int attempts = 0; attempts < MAX_ENTRIES; attempts++) {
                MarketFeedProvider provider;
                try {
                    if (!iterator.hasNext()) {
                        return;
                    }
                    provider = iterator.next();
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    failed.accept(e);
                    continue;
                }
                found.accept(provider);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The plugin's own {@code reference.conf} files, merged: only its own jars are read (through
     * {@code findResources}, which does not ask the parent), so that nothing else's defaults count as the plugin's.
     *
     * @throws ConfigException when one cannot be parsed or does not resolve on its own
     */
    private static Config reference(PluginClassLoader loader) {
        // Parsed as resources, so that origins read "reference.conf:3 in acme.jar" like the class path's.
        ClassLoader own = new ClassLoader(loader.getName() + " resources", null) {
            @Override
            protected URL findResource(String name) {
                return loader.findResource(name);
            }

            @Override
            protected Enumeration<URL> findResources(String name) throws IOException {
                return loader.findResources(name);
            }
        };
        Config reference = ConfigFactory.parseResources(own, REFERENCE, ConfigParseOptions.defaults()
                .setClassLoader(own));
        // Checked now, so that a bad substitution is this plugin's problem and not the whole configuration's.
        reference.resolve(ConfigResolveOptions.noSystem());
        return reference;
    }

    /** The ids under {@code marketfeed.providers} in a plugin's reference; keys elsewhere are not its to set. */
    private static Set<String> declaredIds(Config reference) {
        try {
            ConfigValue root = reference.root().get(ConfigPaths.ROOT);
            ConfigValue providers = root instanceof ConfigObject ? ((ConfigObject) root).get("providers") : null;
            if (root instanceof ConfigObject && ((ConfigObject) root).keySet().stream().anyMatch(k -> !k.equals(
                    "providers"))) {
                log.debug("A plugin's reference.conf sets keys outside {}; they are ignored", ConfigPaths.PROVIDERS);
            }
            return providers instanceof ConfigObject ? ((ConfigObject) providers).keySet() : Set.of();
        } catch (ConfigException e) {
            return Set.of();
        }
    }

    /**
     * A plugin that bundles the SPI or SLF4J works (the app's copy is always used), but its author should know:
     * those classes are provided by Marketfeed.
     */
    private static void warnAboutBundledSharedClasses(Path path, PluginClassLoader loader) {
        for (String marker : SHARED_MARKERS) {
            if (loader.findResource(marker) != null) {
                String name = marker.substring(0, marker.lastIndexOf('/')).replace('/', '.');
                log.warn("Plugin {} bundles its own {} classes, which are never used: Marketfeed provides them. "
                        + "Declare that dependency with <scope>provided</scope>.", path, name);
            }
        }
    }

    /** Why a jar cannot be used, checked before a class loader sees it: a class loader's errors are vaguer. */
    private static Optional<String> unreadable(Path jar) {
        if (!Files.isReadable(jar)) {
            return Optional.of("cannot be read; check its permissions");
        }
        try {
            new ZipFile(jar.toFile()).close();  // opening reads the zip's directory, which anything else lacks
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("is not a jar (zip) file: " + e.getMessage());
        } catch (IOException e) {
            return Optional.of("cannot be read: " + describe(e));
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            // Sorted, so that loading and the listing are the same every time; hidden files are not plugins.
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static List<URL> urls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jar + " has no URL", e);
            }
        }
        return urls;
    }

    private static void close(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            log.debug("Closing {} failed", loader, e);
        }
    }

    /**
     * An error as one line for people, with its causes: ServiceLoader's own wording is rephrased to say which
     * entry is wrong and how.
     */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ServiceConfigurationError) {
            message = rephrase(message);
        } else if (e instanceof NoClassDefFoundError || e instanceof ClassNotFoundException) {
            message = "class not found: " + message.replace('/', '.');
        } else if (e instanceof ExceptionInInitializerError) {
            message = "its static initialisation failed";
        } else if (!(e instanceof IOException)) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        Throwable cause = e.getCause();
        if (cause == null || cause == e || cause instanceof ClassNotFoundException) {
            return message;  // "not found" and NoClassDefFoundError already say what a ClassNotFoundException would
        }
        return message + ": " + describe(cause);
    }

    private static String rephrase(String message) {
        Matcher matcher = SERVICE_ERROR.matcher(message);
        if (!matcher.matches()) {
            return message.startsWith(MarketFeedProvider.class.getName() + ": ")
                    ? message.substring(MarketFeedProvider.class.getName().length() + 2) : message;
        }
        String type = matcher.group(1);
        String what = matcher.group(2);
        switch (what) {
            case "not found":
                return SERVICE_FILE + " lists " + type + ", which is not in the plugin; fix the class name there";
            case "not a subtype":
                return type + ", listed in " + SERVICE_FILE + ", does not implement "
                        + MarketFeedProvider.class.getName();
            case "could not be instantiated":
                return type + " could not be created";
            case "Unable to get public no-arg constructor":
                return type + " has no public no-argument constructor; a provider needs one";
            default:
                return type + " " + what;
        }
    }

    /** What to do about a class a plugin lacks: it sees only its own jars, the JDK and the shared packages. */
    private static String hint(Throwable e) {
        if (e instanceof ServiceConfigurationError && String.valueOf(e.getMessage()).endsWith(" not found")) {
            return "";  // the service file names a class that is not there: a typo, not a missing dependency
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException) {
                return " (a plugin sees only its own jars, the JDK and Marketfeed's "
                        + String.join(" and ", PluginClassLoader.SHARED_PACKAGES.stream()
                                .map(p -> p.substring(0, p.length() - 1)).collect(Collectors.toList()))
                        + "; put the jar with that class into the plugin's folder)";
            }
        }
        return "";
    }
}

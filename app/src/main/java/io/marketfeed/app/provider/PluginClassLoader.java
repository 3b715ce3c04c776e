package io.marketfeed.app.provider;

import static java.util.Objects.requireNonNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one plugin: a jar, or a folder of jars. Its parent is the <em>platform</em> class loader,
 * not the app's, so a plugin sees the JDK and its own jars and nothing of the app: not Guice, Typesafe Config,
 * Jackson, Jetty or the runtime, whose versions would otherwise clash with the ones a plugin brings.
 *
 * <p>Only the packages in {@link #SHARED_PACKAGES} come from the app, and always from the app, even when a
 * plugin bundles a copy: the SPI, because a provider must implement the very {@code MarketFeedProvider} class
 * the app holds; and SLF4J, so that a plugin's logs go through the app's logging. Every other class is looked
 * up in the JDK (the parent) and then in the plugin's own jars: since the parent holds nothing but the JDK, the
 * plugin is isolated from the app, and it cannot replace JDK classes.
 *
 * <p>Modelled on Trino's {@code PluginClassLoader} and Kafka Connect's plugin isolation.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Class name prefixes a plugin shares with the app; an explicit allow-list. */
    static final List<String> SHARED_PACKAGES = List.of("io.marketfeed.api.", "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader app;

    /**
     * @param name for diagnostics: the plugin's path
     * @param jars the plugin's jars
     * @param app the app's class loader, which supplies the shared packages
     */
    PluginClassLoader(String name, List<URL> jars, ClassLoader app) {
        super(name, jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        this.app = requireNonNull(app, "app is null");
    }

    static boolean isShared(String className) {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return app.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + getName() + "]";
    }
}

package io.marketfeed.app.testing;

import io.marketfeed.api.MarketFeedProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real plugin jars, good and deliberately broken, compiled from source during the test against the api and
 * SLF4J jars only, exactly as a third party builds them (after Kafka Connect's {@code TestPlugins}). Build them
 * once into a library folder with {@link #build}, then {@link #install} the ones a test needs into a plugin
 * folder.
 *
 * <p>The plugins, by file name in the plugin folder:
 * <ul>
 *   <li>{@value #GOOD}: provider {@code good}, with a {@code reference.conf} block, SLF4J logging, and a static
 *       {@code sees(String)} that says whether a class is visible from the plugin
 *   <li>{@value #HELPED}: a sub-folder with provider {@code helped} and the helper jar its constructor needs
 *   <li>{@value #HELPLESS}: the same provider's folder without the helper jar
 *   <li>{@value #MISSING_CLASS}: its service file lists a class that is not there and one that is no provider
 *   <li>{@value #BOOM}: provider {@code boom}, declared in its {@code reference.conf}, whose constructor throws
 *   <li>{@value #FUTURE}: provider {@code future}, built for SPI 2.0
 *   <li>{@value #NOT_A_JAR}: a text file with a jar's name
 *   <li>{@value #TWIN_A} and {@value #TWIN_B}: two plugins with one provider id, {@code twin}
 *   <li>{@value #SAHMK_AGAIN}: a plugin whose provider claims the built-in id {@code sahmk}
 * </ul>
 */
public final class TestingPlugins {

    public static final String GOOD = "good.jar";
    public static final String HELPED = "helped";
    public static final String HELPLESS = "helpless";
    public static final String MISSING_CLASS = "missing-class.jar";
    public static final String BOOM = "boom.jar";
    public static final String FUTURE = "future.jar";
    public static final String NOT_A_JAR = "x.jar";
    public static final String TWIN_A = "twin-a.jar";
    public static final String TWIN_B = "twin-b.jar";
    public static final String SAHMK_AGAIN = "sahmk-again.jar";

    public static final String GOOD_REFERENCE = String.join("\n",
            "marketfeed.providers.good {",
            "  enabled = false",
            "  api-key = null",
            "  api-key = ${?GOOD_API_KEY}",
            "  endpoint = \"wss://good.example\"",
            "  symbols = []",
            "  depth { enabled = false, levels = 5 }",
            "}",
            "# Not the plugin's to set: ignored.",
            "marketfeed.stop-timeout = 1h",
            "");

    private static final String SERVICES = "META-INF/services/" + MarketFeedProvider.class.getName();

    private final Path library;

    private TestingPlugins(Path library) {
        this.library = library;
    }

    /** Compiles and packages every plugin into {@code library}. */
    public static TestingPlugins build(Path library) {
        TestingPlugins plugins = new TestingPlugins(library);
        plugins.buildAll();
        return plugins;
    }

    /** Copies the named plugins (file or folder names above) into {@code pluginFolder}, creating it. */
    public Path install(Path pluginFolder, String... names) {
        try {
            Files.createDirectories(pluginFolder);
            for (String name : names) {
                Path source = library.resolve(name);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(pluginFolder.resolve(name));
                    for (Path jar : list(source)) {
                        Files.copy(jar, pluginFolder.resolve(name).resolve(jar.getFileName()));
                    }
                } else {
                    Files.copy(source, pluginFolder.resolve(name));
                }
            }
            return pluginFolder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDK's own words for a file that is not a zip, which the loader passes on. */
    public static String zipError(Path file) {
        try {
            new ZipFile(file.toFile()).close();
            throw new IllegalArgumentException(file + " is a zip file");
        } catch (ZipException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void buildAll() {
        jar(library.resolve(GOOD), Map.of("com.example.good.GoodProvider", provider("com.example.good",
                "GoodProvider", "good", "1.0", "\"Good test feed\"", String.join("\n",
                        "private static final org.slf4j.Logger LOG =",
                        "        org.slf4j.LoggerFactory.getLogger(GoodProvider.class);",
                        "public GoodProvider() { LOG.debug(\"good plugin created\"); }",
                        "public static boolean sees(String name) {",
                        "    try {",
                        "        Class.forName(name, false, GoodProvider.class.getClassLoader());",
                        "        return true;",
                        "    } catch (ClassNotFoundException e) {",
                        "        return false;",
                        "    }",
                        "}"))),
                Map.of(SERVICES, "com.example.good.GoodProvider\n", "reference.conf", GOOD_REFERENCE), List.of());

        Path helper = library.resolve("helper.jar");
        jar(helper, Map.of("com.example.helper.Greeting", String.join("\n",
                "package com.example.helper;",
                "public final class Greeting {",
                "    public static String text() { return \"Helped feed, with a helper jar\"; }",
                "}")), Map.of(), List.of());
        Path helped = library.resolve(HELPED);
        Path helpedProvider = helped.resolve("helped-provider.jar");
        jar(helpedProvider, Map.of("com.example.helped.HelpedProvider", provider("com.example.helped",
                "HelpedProvider", "helped", "1.0", "description",
                "private final String description = com.example.helper.Greeting.text();")),
                Map.of(SERVICES, "com.example.helped.HelpedProvider\n"), List.of(helper));
        copy(helper, helped.resolve("helper.jar"));
        copy(helpedProvider, library.resolve(HELPLESS).resolve("helped-provider.jar"));

        jar(library.resolve(MISSING_CLASS), Map.of("com.example.notprovider.NotAProvider", String.join("\n",
                "package com.example.notprovider;",
                "public class NotAProvider {",
                "}")), Map.of(SERVICES, "com.example.Missing\ncom.example.notprovider.NotAProvider\n"), List.of());

        jar(library.resolve(BOOM), Map.of("com.example.boom.BoomProvider", provider("com.example.boom",
                "BoomProvider", "boom", "1.0", "\"Boom\"",
                "public BoomProvider() { throw new IllegalStateException(\"no licence file\"); }")),
                Map.of(SERVICES, "com.example.boom.BoomProvider\n", "reference.conf",
                        "marketfeed.providers.boom { enabled = false, symbols = [] }\n"), List.of());

        jar(library.resolve(FUTURE), Map.of("com.example.future.FutureProvider", provider("com.example.future",
                "FutureProvider", "future", "2.0", "\"From the future\"", "")),
                Map.of(SERVICES, "com.example.future.FutureProvider\n", "reference.conf",
                        "marketfeed.providers.future { enabled = false, symbols = [] }\n"), List.of());

        write(library.resolve(NOT_A_JAR), "this is not a jar\n");

        for (String twin : List.of("a", "b")) {
            String pkg = "com.example.twin" + twin;
            jar(library.resolve("twin-" + twin + ".jar"), Map.of(pkg + ".TwinProvider", provider(pkg, "TwinProvider",
                    "twin", "1.0", "\"Twin " + twin + "\"", "")),
                    Map.of(SERVICES, pkg + ".TwinProvider\n", "reference.conf",
                            "marketfeed.providers.twin { enabled = false, symbols = [], only-" + twin + " = 1 }\n"),
                    List.of());
        }

        jar(library.resolve(SAHMK_AGAIN), Map.of("com.example.impostor.SahmkProvider", provider(
                "com.example.impostor", "SahmkProvider", "sahmk", "1.0", "\"Another SAHMK\"", "")),
                Map.of(SERVICES, "com.example.impostor.SahmkProvider\n"), List.of());
    }

    /**
     * A provider's source, with a protocol stub that subscribes its {@code symbols} on one endpoint on a loopback
     * port where nothing listens (so a run connects nowhere, and retries).
     */
    private static String provider(String pkg, String name, String id, String spiVersion, String description,
            String body) {
        return String.join("\n",
                "package " + pkg + ";",
                "",
                "import io.marketfeed.api.FeedCapability;",
                "import io.marketfeed.api.MarketFeedProvider;",
                "import io.marketfeed.api.ProviderSettings;",
                "import io.marketfeed.api.protocol.*;",
                "import java.util.EnumSet;",
                "import java.util.List;",
                "import java.util.Set;",
                "",
                "public class " + name + " implements MarketFeedProvider {",
                body,
                "    public String id() { return \"" + id + "\"; }",
                "    public String version() { return \"0.0.7\"; }",
                "    public String spiVersion() { return \"" + spiVersion + "\"; }",
                "    public String description() { return " + description + "; }",
                "    public Set<FeedCapability> capabilities() {",
                "        return EnumSet.of(FeedCapability.QUOTES, FeedCapability.TRADES);",
                "    }",
                "    public FeedProtocol create(ProviderSettings settings) {",
                "        List<Subscription> wanted = settings.stringList(\"symbols\").stream()",
                "                .map(symbol -> new Subscription(Topics.QUOTES, symbol)).toList();",
                "        Endpoint nowhere = new Endpoint(\"quotes\", java.net.URI.create(\"ws://127.0.0.1:1/quotes\"),",
                "                AuthStyle.none(), Readiness.onOpen(), SubscribeStyle.additive(java.time.Duration.ofSeconds(10)),",
                "                Set.of(Topics.QUOTES), java.util.Map.of());",
                "        return new FeedProtocol() {",
                "            public List<Endpoint> endpoints() { return List.of(nowhere); }",
                "            public Endpoint endpointFor(Subscription s) { return nowhere; }",
                "            public List<Subscription> configuredSubscriptions() { return wanted; }",
                "            public Limits limits(Endpoint e) { return Limits.unlimited(); }",
                "            public HeartbeatSpec heartbeat(Endpoint e) {",
                "                return new HeartbeatSpec(HeartbeatSpec.Pinger.NONE, java.time.Duration.ofSeconds(30),",
                "                        java.time.Duration.ofSeconds(90), HeartbeatSpec.Liveness.ANY_FRAME);",
                "            }",
                "            public Disposition classifyClose(int code, String why) { return Disposition.retry(why); }",
                "            public ProtocolSession openSession(SessionContext c) {",
                "                return new ProtocolSession() {",
                "                    public OutboundFrame subscribe(String topic, List<String> symbols) {",
                "                        return OutboundFrame.text(\"subscribe \" + symbols);",
                "                    }",
                "                    public java.util.Optional<OutboundFrame> unsubscribe(String t, List<String> s) {",
                "                        return java.util.Optional.empty();",
                "                    }",
                "                    public void decode(InboundFrame frame, DecodeOutput out) {",
                "                    }",
                "                };",
                "            }",
                "        };",
                "    }",
                "}",
                "");
    }

    /**
     * Compiles {@code sources} (class name to code) against the api and SLF4J jars plus {@code classPath}, and
     * packages the classes with {@code resources} (path to text) into {@code jar}.
     */
    private void jar(Path jar, Map<String, String> sources, Map<String, String> resources, List<Path> classPath) {
        try {
            Files.createDirectories(jar.getParent());
            // Sources and classes are kept apart from the jars, so that a plugin folder holds only its jars.
            Path work = Files.createTempDirectory(Files.createDirectories(library.resolve(".build")), "build-");
            Path sourceFolder = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                    "-proc:none", "-classpath", compileClassPath(classPath)));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceFolder.resolve(source.getKey().replace('.', '/') + ".java");
                write(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int code = compiler.run(null, diagnostics, diagnostics, arguments.toArray(new String[0]));
            if (code != 0) {
                throw new IllegalStateException("compiling " + jar.getFileName() + " failed:\n"
                        + diagnostics.toString(StandardCharsets.UTF_8));
            }
            Map<String, byte[]> entries = new TreeMap<>();
            for (Path file : walk(classes)) {
                entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            resources.forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a third party compiles against: the api jar and SLF4J, nothing else of Marketfeed's class path. */
    private static String compileClassPath(List<Path> extra) {
        List<Path> entries = new ArrayList<>(List.of(location(MarketFeedProvider.class),
                location(org.slf4j.Logger.class)));
        entries.addAll(extra);
        return entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().collect(Collectors.toList());
        }
    }

    private static List<Path> walk(Path folder) throws IOException {
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}

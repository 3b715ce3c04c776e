package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./marketfeed} launcher's own errors: on stderr, never on stdout (the event stream), exit 2 for a
 * MARKETFEED_JAVA_OPTS the JVM cannot start with or that would write to stdout. These checks come before the
 * launcher looks for (or builds) the app, so they run without a build.
 */
class TestLauncher {

    /** The launcher, beside this module's folder (the tests run in {@code app/}). */
    /** The checkout's launcher: next to this module's folder (Maven's {@code basedir}; tests run elsewhere). */
    private static final Path LAUNCHER = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent()
            .resolve("marketfeed");

    @TempDir
    Path directory;

    @Test
    void optionsTheJvmCannotStartWithExitTwoOnStderr() throws Exception {
        Result result = launch(Map.of("MARKETFEED_JAVA_OPTS", "-Xmx256m -Xmx1q"));

        assertEquals(2, result.code, result.err);
        assertEquals("", result.out);
        assertTrue(result.err.contains("Invalid maximum heap size: -Xmx1q"), result.err);
        assertTrue(result.err.endsWith("marketfeed: the JVM does not start with MARKETFEED_JAVA_OPTS=\"-Xmx256m "
                + "-Xmx1q\" (the JVM's message is above); correct or unset MARKETFEED_JAVA_OPTS\n"), result.err);
    }

    @Test
    void errorsTheJvmPrintsOnStdoutByDefaultGoToStderr() throws Exception {
        // HotSpot prints "Error occurred during initialization of VM" on stdout unless told otherwise.
        Result result = launch(Map.of("MARKETFEED_JAVA_OPTS", "-Xms64m -Xmx32m"));

        assertEquals(2, result.code, result.err);
        assertEquals("", result.out);
        assertTrue(result.err.contains("Initial heap size set to a larger value than the maximum heap size"),
                result.err);
    }

    @Test
    void optionsThatWouldWriteIntoTheEventStreamAreRefused() throws Exception {
        Result logging = launch(Map.of("MARKETFEED_JAVA_OPTS", "-Xlog:gc"));
        assertEquals(2, logging.code, logging.err);
        assertEquals("", logging.out);
        assertEquals("marketfeed: MARKETFEED_JAVA_OPTS: -Xlog:gc logs to stdout, which carries the events; log to "
                + "stderr or a file instead, such as -Xlog:gc:stderr or -Xlog:gc:file=jvm.log\n", logging.err);

        Result verbose = launch(Map.of("MARKETFEED_JAVA_OPTS", "-verbose:class"));
        assertEquals(2, verbose.code, verbose.err);
        assertEquals("", verbose.out);
        assertTrue(verbose.err.startsWith("marketfeed: MARKETFEED_JAVA_OPTS: -verbose:class writes to stdout"),
                verbose.err);
    }

    @Test
    void aMissingJavaIsSaidOnStderr() throws Exception {
        Result result = launch(Map.of("JAVA_HOME", directory.resolve("no-java").toString()));

        assertEquals(1, result.code, result.err);
        assertEquals("", result.out);
        assertTrue(result.err.startsWith("marketfeed: Java 17+ is needed and '" + directory.resolve("no-java")
                + "/bin/java' was not found"), result.err);
    }

    private Result launch(Map<String, String> environment) throws IOException, InterruptedException {
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "run", "--duration", "1s",
                "--format", "jsonl").redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("MARKETFEED_JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}

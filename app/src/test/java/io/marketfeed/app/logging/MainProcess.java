package io.marketfeed.app.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * {@code io.marketfeed.app.Main} in a JVM of its own, started as the launcher starts it (the JVM's own output on
 * stderr) with this test run's class path, in a folder of the test's: for what only a real process shows (signals,
 * exit codes, logging set up by {@code main}). Stdout and stderr go to files in that folder.
 *
 * <p>Used by the one test thread that started it.
 */
public final class MainProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private MainProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code Main} with {@code arguments} in {@code folder}.
     *
     * @param environment added to this process's environment, from which every {@code MARKETFEED_*} is removed
     * @param jvmOptions such as {@code -DMARKETFEED_LOG_FORMAT=json}
     */
    public static MainProcess start(Path folder, Map<String, String> environment, List<String> jvmOptions,
            String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.marketfeed.app.Main"));
        command.addAll(List.of(arguments));
        Path out = folder.resolve("stdout.txt");
        Path err = folder.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("MARKETFEED_"));
        builder.environment().putAll(environment);
        return new MainProcess(builder.start(), out, err);
    }

    /** Waits until stderr satisfies {@code condition}; fails after {@code limit} or when the process ended first. */
    public String awaitErr(Predicate<String> condition, String what, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String text = err();
            if (condition.test(text)) {
                return text;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (code " + process.exitValue() + ") before " + what
                        + "; stderr:\n" + err());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + limit + "; stderr:\n" + text);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Sends a signal ({@code TERM}, {@code INT}) with {@code kill}. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -s " + name + " " + process.pid() + " failed");
        }
    }

    /** The exit code; fails when the process is still running after {@code limit}. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("still running after " + limit + "; stderr:\n" + err());
        }
        return process.exitValue();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            // Not Files.readString: a character the process is halfway through writing must not fail the read.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

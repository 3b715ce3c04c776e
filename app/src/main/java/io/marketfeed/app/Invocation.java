package io.marketfeed.app;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What one run of the command line works with, so that it can run in-process in tests: the streams, the
 * environment, the {@code marketfeed.*} system properties, whether stdout is a terminal, a future that
 * completes with a reason when the run should stop (SIGINT, SIGTERM, or a test), and the Marketfeed folder.
 *
 * @param out stdout: events or tables
 * @param err stderr: messages for people
 * @param environment environment variables, read by {@code ${?NAME}} in configuration
 * @param systemProperties configuration overrides from {@code -D} JVM options ({@code marketfeed.*}), and
 *     {@code MARKETFEED_LOG_LEVEL} when given as a system property
 * @param terminal whether stdout is an interactive terminal
 * @param stopRequest completes when the run should stop gracefully
 * @param home the Marketfeed folder, against which a relative plugin folder is resolved: the launcher's own
 *     folder ({@code -Dmarketfeed.home}), or the current directory
 */
public record Invocation(PrintStream out, PrintStream err, Map<String, String> environment,
        Map<String, String> systemProperties, boolean terminal, CompletableFuture<String> stopRequest, Path home) {

    public Invocation {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        environment = Map.copyOf(environment);
        systemProperties = Map.copyOf(systemProperties);
        requireNonNull(stopRequest, "stopRequest is null");
        home = home.toAbsolutePath();
    }
}

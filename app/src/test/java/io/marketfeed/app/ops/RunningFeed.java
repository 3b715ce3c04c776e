package io.marketfeed.app.ops;

import io.marketfeed.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code marketfeed run -c FILE --format none} in-process on a thread of its own, its stderr watched for the
 * "Operations: http://…/status" line, and an HTTP client for the operations port. Used by one test thread.
 */
final class RunningFeed implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern OPERATIONS = Pattern.compile("Operations: (http://127\\.0\\.0\\.1:\\d+/)status");

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CompletableFuture<String> stop = new CompletableFuture<>();
    private final Watched err = new Watched();
    private final CompletableFuture<Integer> code;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningFeed(Path config, Map<String, String> environment) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        code = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"run", "-c", config.toString(), "--format",
                "none"}, outStream, errStream, environment, stop), thread);
        code.whenComplete((exit, error) -> err.operations.completeExceptionally(new AssertionError(
                "the run ended (" + (error == null ? "exit " + exit : error) + ") before it printed the operations "
                + "address; stderr:\n" + err.text())));
    }

    static RunningFeed start(Path config, Map<String, String> environment) {
        return new RunningFeed(config, environment);
    }

    /** The operations port's base address, once the run has printed it. */
    URI base() throws Exception {
        return URI.create(err.operations.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * GETs {@code path} until {@code condition} holds, within {@link #WAIT}; returns that response. Polls every
     * 10 ms: the condition is what is waited for.
     */
    HttpResponse<String> awaitGet(String path, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = get(path);
        while (!condition.test(response)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer from " + path + " met the condition within " + WAIT
                        + "; the last was " + response.statusCode() + ":\n" + response.body() + "\nstderr:\n" + err());
            }
            Thread.sleep(10);
            response = get(path);
        }
        return response;
    }

    /** Asks the run to stop (like SIGINT) and returns its exit code. */
    int stop() throws Exception {
        stop.complete("the test asks to stop");
        return exitCode();
    }

    /** The exit code, once the run has ended by itself. */
    int exitCode() throws Exception {
        return code.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    String err() {
        return err.text();
    }

    @Override
    public void close() {
        stop.complete("the test is over");
        thread.shutdownNow();
    }

    /** Stderr, completing {@link #operations} with the base address when the run prints it. Thread safe. */
    private static final class Watched extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<String> operations = new CompletableFuture<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] buffer, int offset, int length) {
            bytes.write(buffer, offset, length);
            if (!operations.isDone()) {
                Matcher matcher = OPERATIONS.matcher(text());
                if (matcher.find()) {
                    operations.complete(matcher.group(1));
                }
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

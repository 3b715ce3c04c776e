package io.marketfeed.bench.throughput;

import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Serials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Client (d), the runner: {@code ./marketfeed run -c <generated conf> --format jsonl}, SAHMK only, pointed at the
 * blast server, its stdout read through a pipe. Quote lines are those containing {@code "type":"quote"}, and the
 * serial is the digits after {@code "volume":}, without a JSON parse. Once every
 * serial arrived (or a limit passed) the runner gets SIGTERM and its exit code is reported.
 */
public final class RunnerClient {

    public static final String LABEL = "(d) runner: ./marketfeed run --format jsonl, stdout on a pipe";

    private static final byte[] QUOTE = "\"type\":\"quote\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS = "\"type\":\"status\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GAP = "\"type\":\"gap\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOLUME = "\"volume\":".getBytes(StandardCharsets.US_ASCII);

    private RunnerClient() {
    }

    /**
     * @param root the repository root, where {@code ./marketfeed} is
     * @param work a folder for the generated configuration and the runner's stderr
     * @param javaOptions MARKETFEED_JAVA_OPTS for the runner's JVM; empty for none
     */
    public static ClientResult run(Path root, Path work, String baseUrl, List<String> symbols, long frames,
            Progress.Limits limits, String javaOptions) {
        Serials serials = new Serials(frames);
        Path conf = work.resolve("runner.conf");
        Path stderr = work.resolve("runner-stderr.log");
        Process process;
        try {
            Files.createDirectories(work);
            // An empty plugin folder of its own: no plugin of the checkout's plugins/ takes part (a configured
            // folder must exist).
            Path noPlugins = Files.createDirectories(work.resolve("no-plugins"));
            Files.writeString(conf, configuration(baseUrl, symbols, noPlugins));
            ProcessBuilder builder = new ProcessBuilder(root.resolve("marketfeed").toString(), "run",
                    "-c", conf.toString(), "--format", "jsonl")
                    .directory(root.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().remove("MARKETFEED_JAVA_OPTS");
            if (!javaOptions.isBlank()) {
                builder.environment().put("MARKETFEED_JAVA_OPTS", javaOptions);
            }
            process = builder.start();
        } catch (IOException e) {
            return ClientResult.failed(LABEL, frames, "could not start ./marketfeed: " + e.getMessage());
        }
        LineReader reader = new LineReader(process.getInputStream(), serials);
        Thread readerThread = new Thread(reader, "bench-runner-stdout");
        readerThread.setDaemon(true);
        readerThread.start();
        String stopped = Progress.await(serials, limits, () -> !process.isAlive());
        boolean wasAlive = process.isAlive();
        String ending;
        Integer exitCode = null;
        try {
            process.destroy(); // SIGTERM: the runner stops gracefully
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                exitCode = process.exitValue();
                ending = (wasAlive ? "SIGTERM, exit code " : "exited by itself with code ") + exitCode;
            } else {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                ending = "did not stop within 30 s of SIGTERM; killed";
            }
            readerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            ending = "interrupted";
        }
        List<String> notes = new ArrayList<>();
        notes.add(ending);
        if (reader.gaps > 0) {
            notes.add(reader.gaps + " gap lines");
        }
        synchronized (reader.statuses) {
            if (!reader.statuses.isEmpty()) {
                notes.add("first status lines: " + String.join(" | ", reader.statuses));
            }
        }
        if (!wasAlive || exitCode == null || exitCode != 0) {
            notes.add("stderr: " + tail(stderr));
        }
        notes.add("effective " + effectiveDelivery(root, conf));
        return new ClientResult(LABEL, serials.snapshot(), stopped, String.join("; ", notes));
    }

    /**
     * The delivery policy the runner used, from {@code ./marketfeed config -c FILE} (so the note follows the
     * defaults wherever they are set): {@code delivery policy = conflate-latest, capacity = 8192}.
     */
    static String effectiveDelivery(Path root, Path conf) {
        try {
            Process process = new ProcessBuilder(root.resolve("marketfeed").toString(), "config", "-c", conf.toString())
                    .directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            List<String> values = new ArrayList<>();
            boolean inDelivery = false;
            for (String line : out.lines().toList()) {
                String trimmed = line.trim();
                if (trimmed.startsWith("delivery {")) {
                    inDelivery = true;
                } else if (inDelivery && trimmed.startsWith("}")) {
                    break;
                } else if (inDelivery) {
                    int comment = trimmed.indexOf("  #");
                    values.add(comment > 0 ? trimmed.substring(0, comment).trim() : trimmed);
                }
            }
            return values.isEmpty() ? "delivery settings unknown (./marketfeed config printed none)"
                    : "delivery: " + String.join(", ", values);
        } catch (IOException e) {
            return "delivery settings unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "delivery settings unknown";
        }
    }

    /** SAHMK only, at the blast server; every other provider, the built-in simulator and plugins off. */
    static String configuration(String baseUrl, List<String> symbols, Path noPlugins) {
        String list = symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        return "# Generated by bench/run for client (d). Defaults otherwise (delivery, reconnect, heartbeat).\n"
                + "# No sinks: (d) measures the stream to stdout; the sinks section measures each store.\n"
                + "marketfeed {\n"
                + "  simulator.enabled = false\n"
                + "  sinks = []\n"
                + "  plugin-path = \"" + noPlugins.toAbsolutePath() + "\"\n"
                + "  providers {\n"
                + "    sahmk { enabled = true, endpoint = \"" + baseUrl + "\", api-key = \"shmk_test_bench\", "
                + "symbols = [" + list + "] }\n"
                + "    tickatlas.enabled = false\n"
                + "    alltick.enabled = false\n"
                + "    screener.enabled = false\n"
                + "  }\n"
                + "}\n";
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return last.isEmpty() ? "(empty)" : String.join(" / ", last);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Reads jsonl from the pipe in large chunks and records the serial of every quote line. */
    private static final class LineReader implements Runnable {
        private final InputStream in;
        private final Serials serials;
        private final List<String> statuses = new ArrayList<>();
        private long gaps;

        LineReader(InputStream in, Serials serials) {
            this.in = in;
            this.serials = serials;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1 << 20];
            int filled = 0;
            try {
                while (true) {
                    if (filled == buffer.length) {
                        byte[] bigger = new byte[buffer.length * 2]; // a line longer than the buffer
                        System.arraycopy(buffer, 0, bigger, 0, filled);
                        buffer = bigger;
                    }
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                    int lineStart = 0;
                    for (int i = filled - n; i < filled; i++) {
                        if (buffer[i] == '\n') {
                            line(buffer, lineStart, i);
                            lineStart = i + 1;
                        }
                    }
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                }
            } catch (IOException e) {
                // the runner is gone
            }
        }

        private void line(byte[] bytes, int from, int to) {
            if (indexOf(bytes, from, to, QUOTE) >= 0) {
                int at = indexOf(bytes, from, to, VOLUME);
                long volume = -1;
                if (at >= 0) {
                    volume = 0;
                    int digits = 0;
                    for (int i = at + VOLUME.length; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                        volume = volume * 10 + (bytes[i] - '0');
                        digits++;
                    }
                    if (digits == 0) {
                        volume = -1;
                    }
                }
                serials.record(volume < 0 ? -1 : volume - Serials.BASE);
            } else if (indexOf(bytes, from, to, GAP) >= 0) {
                gaps++;
            } else if (statuses.size() < 3 && indexOf(bytes, from, to, STATUS) >= 0) {
                String text = new String(bytes, from, Math.min(to - from, 300), StandardCharsets.UTF_8);
                synchronized (statuses) {
                    statuses.add(text);
                }
            }
        }

        private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
            outer:
            for (int i = from; i <= to - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}

package io.marketfeed.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: cores, CPU model, memory, OS, JDK, the code's git state, the date. */
public final class Machine {

    private Machine() {
    }

    public static String cores() {
        return Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The first {@code model name} of /proc/cpuinfo. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown CPU";
    }

    public static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f GiB RAM", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "";
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    public static String jvmOptions() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return arguments.isEmpty() ? "(none)" : String.join(" ", arguments);
    }

    public static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'"));
    }

    /** {@code d57e282 (clean)} or {@code d57e282 + 9 uncommitted changes}; empty outside a git checkout. */
    public static String gitState(Path root) {
        String head = run(root, "git", "rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "not a git checkout";
        }
        String status = run(root, "git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no");
        long changed = status.isBlank() ? 0 : status.lines().count();
        return head + (changed == 0 ? " (clean)" : " + " + changed + " uncommitted tracked changes");
    }

    private static String run(Path root, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

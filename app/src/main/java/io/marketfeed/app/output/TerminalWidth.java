package io.marketfeed.app.output;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The width the table is drawn in, read again on every frame:
 * <ol>
 *   <li>{@code COLUMNS}, when it is set to a positive number (as GNU {@code ls} and Python do: it wins, and the
 *       table keeps that width);</li>
 *   <li>otherwise, when stdout is a terminal, the terminal's own width, from {@code stty size < /dev/tty}: asked
 *       once at the start, again after each SIGWINCH (the terminal was resized), and at least every
 *       {@link #RECHECK} in case the signal cannot be trapped;</li>
 *   <li>otherwise {@link #DEFAULT} columns.</li>
 * </ol>
 * No native code: the signal is trapped with {@code sun.misc.Signal} (reached by reflection, like the runner's
 * SIGINT handling) and the size comes from {@code stty}.
 *
 * <p>Thread safe: {@link #getAsInt()} is called from the table's refresh thread, the signal handler from the
 * JVM's signal thread.
 */
public final class TerminalWidth implements IntSupplier {

    /** The width when nothing says otherwise. */
    public static final int DEFAULT = 120;

    /** How often the terminal is asked even without a SIGWINCH. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(TerminalWidth.class);

    private final OptionalInt fixed;
    private final Supplier<OptionalInt> query;
    private final LongSupplier nanoTime;
    private volatile boolean resized = true;
    /** Guarded by this. */
    private int current = DEFAULT;
    /** Guarded by this. */
    private long askedAt;

    TerminalWidth(OptionalInt fixed, Supplier<OptionalInt> query, LongSupplier nanoTime) {
        this.fixed = fixed;
        this.query = query;
        this.nanoTime = nanoTime;
    }

    /**
     * @param columns the {@code COLUMNS} environment variable; null when unset
     * @param terminal whether stdout is a terminal
     */
    public static TerminalWidth of(String columns, boolean terminal) {
        OptionalInt fixed = parse(columns);
        if (fixed.isPresent() || !terminal) {
            return new TerminalWidth(fixed.isPresent() ? fixed : OptionalInt.of(DEFAULT), OptionalInt::empty,
                    System::nanoTime);
        }
        TerminalWidth width = new TerminalWidth(OptionalInt.empty(), TerminalWidth::askStty, System::nanoTime);
        width.trapResize();
        return width;
    }

    /** A width that never changes. */
    public static TerminalWidth fixed(int columns) {
        return new TerminalWidth(OptionalInt.of(columns), OptionalInt::empty, System::nanoTime);
    }

    /** {@code COLUMNS} as a width: a positive whole number; anything else is ignored. */
    static OptionalInt parse(String columns) {
        if (columns == null) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(columns.trim());
            return parsed > 0 ? OptionalInt.of(parsed) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code stty size} prints "rows columns". */
    static OptionalInt parseSttySize(String output) {
        String[] parts = output.trim().split("\\s+");
        if (parts.length != 2) {
            return OptionalInt.empty();
        }
        return parse(parts[1]);
    }

    @Override
    public int getAsInt() {
        if (fixed.isPresent()) {
            return fixed.getAsInt();
        }
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (resized || now - askedAt >= RECHECK.toNanos()) {
                resized = false;
                askedAt = now;
                query.get().ifPresent(columns -> current = columns);
            }
            return current;
        }
    }

    /** The terminal was resized: the next frame asks for its width. */
    void onResize() {
        resized = true;
    }

    private static OptionalInt askStty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return OptionalInt.empty();
        }
        try {
            Process process = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readNBytes(64);
            }
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return OptionalInt.empty();
            }
            return process.exitValue() == 0 ? parseSttySize(new String(output, StandardCharsets.US_ASCII))
                    : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot ask the terminal's size: {}", e.toString());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** SIGWINCH marks the width as stale; where it cannot be trapped, the periodic recheck still follows a resize. */
    private void trapResize() {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance("WINCH");
            InvocationHandler onSignal = (proxy, method, arguments) -> {
                switch (method.getName()) {
                    case "handle":
                        onResize();
                        return null;
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == arguments[0];
                    default:
                        return "TerminalWidth[SIGWINCH]";
                }
            };
            Object handler = Proxy.newProxyInstance(TerminalWidth.class.getClassLoader(),
                    new Class<?>[] {handlerType}, onSignal);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("SIGWINCH cannot be trapped; the terminal's width is checked every {}s: {}",
                    RECHECK.toSeconds(), e.toString());
        }
    }
}

package io.marketfeed.app;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT and SIGTERM into a graceful stop, and a second one into an immediate exit. A JVM shutdown hook would
 * run too late to choose the exit code, so the signals are handled with {@code sun.misc.Signal}: the first one
 * asks the run to stop, the run closes the feed and the sinks and the process exits 0; a second one, while that
 * stop is under way, prints the run's summary so far (see {@link #onForcedExit}) and exits at once with the
 * conventional code, 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. {@code sun.misc.Signal} is reached
 * by reflection so the build stays free of internal-API warnings; where it is missing, a shutdown hook still gives
 * the run time to stop gracefully.
 *
 * <p>Installed once per process by {@link Main#main}; the signal handlers run on threads of the JVM's own, and the
 * state they share is atomic.
 */
public final class SignalTrap {

    private static final Logger log = LoggerFactory.getLogger(SignalTrap.class);

    /** The longest the forced exit waits for the summary to be printed; then it exits without the rest. */
    private static final long SUMMARY_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The installed trap; null until {@link #install}, and in processes that run commands in-process. */
    private static final AtomicReference<Trap> INSTALLED = new AtomicReference<>();

    private SignalTrap() {
    }

    /**
     * Says what a forced exit prints on stderr: the summary of the run that stops on {@code stopRequest}, as it
     * stands when the second signal arrives. Does nothing unless the trap was installed for this very stop request
     * (a run in-process, as in tests, has its own). Safe from any thread; the latest call wins.
     *
     * @param stopRequest the stop request the run was given
     * @param summary the summary's lines; called on the signal's thread, at most once
     */
    public static void onForcedExit(CompletableFuture<String> stopRequest, Supplier<List<String>> summary) {
        Trap trap = INSTALLED.get();
        if (trap != null && trap.stopRequest == stopRequest) {
            trap.summary.set(summary);
        }
    }

    /**
     * @param stopRequest completed with the reason on the first signal
     * @param finished completed by the caller when the run has stopped: a signal after it changes nothing (the
     *     process is exiting with the run's code); a shutdown-hook fallback waits for it
     */
    static void install(CompletableFuture<String> stopRequest, CompletableFuture<Void> finished) {
        Trap trap = new Trap(stopRequest, finished, System.err);
        INSTALLED.set(trap);
        boolean trapped = true;
        for (String name : List.of("INT", "TERM")) {
            try {
                handle(name, trap);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // For example SIGINT when the JVM was started with it ignored (a background job).
                log.debug("SIG{} cannot be trapped: {}", name, e.toString());
                trapped = false;
            }
        }
        if (!trapped) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopRequest.complete("shutdown");
                try {
                    finished.get(30, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // The JVM is going down either way.
                }
            }, "marketfeed-shutdown"));
        }
    }

    private static void handle(String name, Trap trap) throws ReflectiveOperationException {
        Class<?> signalType = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        int exitCode = 128 + (int) signalType.getMethod("getNumber").invoke(signal);
        InvocationHandler onSignal = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "handle":
                    trap.signal("SIG" + name, exitCode);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == arguments[0];
                default:
                    return "SignalTrap[SIG" + name + "]";
            }
        };
        Object handler = Proxy.newProxyInstance(SignalTrap.class.getClassLoader(), new Class<?>[] {handlerType},
                onSignal);
        signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
    }

    /** The state the handlers share. */
    private static final class Trap {
        private final CompletableFuture<String> stopRequest;
        private final CompletableFuture<Void> finished;
        private final PrintStream err;
        private final AtomicReference<Supplier<List<String>>> summary = new AtomicReference<>();
        private final AtomicBoolean forcing = new AtomicBoolean();

        Trap(CompletableFuture<String> stopRequest, CompletableFuture<Void> finished, PrintStream err) {
            this.stopRequest = stopRequest;
            this.finished = finished;
            this.err = err;
        }

        void signal(String name, int exitCode) {
            if (stopRequest.complete(name + " received; " + name + " again exits at once")) {
                return;
            }
            if (finished.isDone()) {
                return; // the run has ended and the process is exiting with its code
            }
            if (!forcing.compareAndSet(false, true)) {
                Runtime.getRuntime().halt(exitCode); // a third signal: no more waiting for the summary
            }
            Thread limit = new Thread(() -> {
                LockSupport.parkNanos(SUMMARY_LIMIT_NANOS);
                Runtime.getRuntime().halt(exitCode);
            }, "marketfeed-forced-exit");
            limit.setDaemon(true);
            limit.start();
            Supplier<List<String>> lines = summary.get();
            err.println("marketfeed: " + name + " again: exiting at once with code " + exitCode + ", without "
                    + "waiting for the stop to finish" + (lines == null ? "" : "; events the sinks held in memory "
                    + "and had not written are lost (what is in their spool is written at the next start)"));
            try {
                if (lines != null) {
                    lines.get().forEach(err::println);
                }
            } catch (RuntimeException e) {
                err.println("marketfeed: the summary could not be made: " + e);
            }
            err.flush();
            Runtime.getRuntime().halt(exitCode);
        }
    }
}

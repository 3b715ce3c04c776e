package io.marketfeed.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT and SIGTERM into a graceful stop. A JVM shutdown hook would run too late to choose the exit
 * code (the JVM exits with 130 or 143 after it), so the signals are handled with {@code sun.misc.Signal}: the
 * first one asks the run to stop, the run closes the feed and the process exits 0; a second one exits at once.
 * {@code sun.misc.Signal} is reached by reflection so the build stays free of internal-API warnings; where it
 * is missing, a shutdown hook still gives the run time to stop gracefully.
 */
final class SignalTrap {

    private static final Logger log = LoggerFactory.getLogger(SignalTrap.class);

    /** Exit code of a second signal: 128 + SIGINT, what shells expect from an interrupted program. */
    private static final int FORCED_EXIT = 130;

    private SignalTrap() {
    }

    /**
     * @param stopRequest completed with the signal's name on the first signal
     * @param finished completed by the caller when the run has stopped; a shutdown-hook fallback waits for it
     */
    static void install(CompletableFuture<String> stopRequest, CompletableFuture<Void> finished) {
        boolean trapped = true;
        for (String name : List.of("INT", "TERM")) {
            try {
                handle(name, stopRequest);
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

    private static void handle(String name, CompletableFuture<String> stopRequest)
            throws ReflectiveOperationException {
        Class<?> signalType = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        InvocationHandler onSignal = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "handle":
                    if (!stopRequest.complete("SIG" + name + " received")) {
                        Runtime.getRuntime().halt(FORCED_EXIT);
                    }
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
}

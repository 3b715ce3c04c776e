package io.marketfeed.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single control thread. A task that throws is logged with its stack trace and the thread goes
 * on; a periodic task keeps its schedule (a plain executor would swallow the exception silently and cancel
 * the timer, leaving a connection that never connects or a stale check that never runs again).
 *
 * <p>Thread safe, as any executor. ({@code execute} and {@code submit} go through {@code schedule}.)
 */
final class ControlExecutor extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ControlExecutor.class);

    ControlExecutor(java.util.function.Consumer<Thread> started) {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "marketfeed-control");
            thread.setDaemon(true);
            started.accept(thread);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                LOG.error("internal error on the control thread; it goes on", e);
            }
        };
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(guarded(command), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(guarded(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return super.scheduleWithFixedDelay(guarded(command), initialDelay, delay, unit);
    }
}

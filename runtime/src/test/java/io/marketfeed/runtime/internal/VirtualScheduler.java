package io.marketfeed.runtime.internal;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A control "thread" on virtual time, for tests: tasks run on the test's own thread, in time order, only when the
 * test advances the clock ({@link #advance}, {@link #runDue}). Together with {@link EngineContext#nanos} reading
 * {@link #nanoTime}, a minute of connection life takes no time at all, and every delay is exact.
 *
 * <p>Not thread safe: everything (the test, the fake transport's callbacks) runs on one thread.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean shutdown;

    VirtualScheduler(long startNanos) {
        this.now = startNanos;
    }

    long nanoTime() {
        return now;
    }

    /** Runs every task due up to {@code duration} from now, in order, moving the clock to each; then to the end. */
    void advance(Duration duration) {
        long target = now + duration.toNanos();
        runUntil(target);
        now = target;
    }

    /** Runs what is due now (posted callbacks, zero-delay timers), and what they post for now. */
    void runDue() {
        runUntil(now);
    }

    /** Nanoseconds until the next task, or -1 when none is queued. */
    long nextDueIn() {
        Task next = queue.peek();
        while (next != null && next.isCancelled()) {
            queue.poll();
            next = queue.peek();
        }
        return next == null ? -1 : Math.max(0, next.at - now);
    }

    private void runUntil(long target) {
        Task task;
        while ((task = queue.peek()) != null && task.at <= target) {
            queue.poll();
            if (task.isCancelled()) {
                continue;
            }
            now = Math.max(now, task.at);
            task.body.run();
            if (task.period > 0 && !task.isCancelled()) {
                task.at += task.period;
                task.seq = sequence++;
                queue.add(task);
            } else {
                task.done = true;
            }
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(Math.max(0, delay)), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the runtime schedules Runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toNanos(Math.max(0, initialDelay)), unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(Math.max(0, initialDelay)), unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    private Task add(Runnable body, long delayNanos, long periodNanos) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task task = new Task(body, now + delayNanos, periodNanos, sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final long period;
        long at;
        long seq;
        boolean cancelled;
        boolean done;

        Task(Runnable body, long at, long period, long seq) {
            this.body = body;
            this.at = at;
            this.period = period;
            this.seq = seq;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task that = (Task) other;
            return at != that.at ? Long.compare(at, that.at) : Long.compare(seq, that.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            // As the control thread's executor does (remove-on-cancel): a cancelled timer keeps nothing alive.
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}

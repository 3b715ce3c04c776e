package io.marketfeed.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler on virtual time, for tests: the runtime's control "thread" when a feed runs on a
 * {@link VirtualNetwork}. Time stands still until the test moves it ({@link #advance}); then every timer due on the
 * way runs in time order, with {@link #nanoTime()} at its due time, so a minute of heartbeats, backoff and
 * staleness takes no time at all and every delay is exact.
 *
 * <p>Who runs the tasks: whoever calls {@link #advance} or {@link #runDue()}, and, when made with
 * {@link #withDriver()}, also a daemon driver thread that runs each task as soon as it is due at the current virtual
 * time (a task posted from another thread, such as {@code MarketFeed.snapshot()}'s, runs at once; waiting for it
 * needs no advancing). Tasks never run at the same time: one runs at a time under the scheduler's lock, so whatever
 * they own is owned as by one thread.
 *
 * <p>Thread safe: post, schedule, cancel and advance from any thread. A task that throws is logged and kept in
 * {@link #errors()}; the others go on, as on the real control thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(ManualScheduler.class);
    /** Where virtual time starts; not zero, since the runtime takes a zero time as "never". */
    public static final long START_NANOS = 1_000_000_000_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    /** Held while a task runs: tasks never overlap. */
    private final ReentrantLock running = new ReentrantLock();
    private final List<Throwable> errors = new ArrayList<>();
    private final Thread driver;
    private volatile long now = START_NANOS;
    private long sequence;
    private volatile boolean shutdown;

    private ManualScheduler(boolean driven) {
        if (driven) {
            driver = new Thread(this::drive, "marketfeed-control-virtual");
            driver.setDaemon(true);
            driver.start();
        } else {
            driver = null;
        }
    }

    /** A scheduler whose tasks run only when the test calls {@link #advance} or {@link #runDue()}. */
    public static ManualScheduler callerRuns() {
        return new ManualScheduler(false);
    }

    /**
     * A scheduler with a driver thread that runs what is due at the current virtual time; {@link #shutdownNow()}
     * stops it. What a feed built on a {@link VirtualNetwork} needs: its {@code snapshot()} and {@code close()}
     * wait for control tasks.
     */
    public static ManualScheduler withDriver() {
        return new ManualScheduler(true);
    }

    /** The virtual monotonic time, in nanoseconds. */
    public long nanoTime() {
        return now;
    }

    /** Virtual time since the scheduler was made. */
    public Duration elapsed() {
        return Duration.ofNanos(now - START_NANOS);
    }

    /** A clock reading virtual time: {@link Instant#EPOCH} plus {@link #elapsed()}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.EPOCH.plusNanos(now - START_NANOS);
            }
        };
    }

    /**
     * Moves time forward by {@code duration}, running every task due on the way in time order (the clock at each
     * one's due time), and what they schedule within the span.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time runs forward; got " + duration);
        }
        running.lock();
        try {
            long target = now + duration.toNanos();
            runUntil(target);
            now = target;
        } finally {
            running.unlock();
        }
    }

    /** Runs what is due now (posted tasks, zero-delay timers) and what they post for now. */
    public void runDue() {
        running.lock();
        try {
            runUntil(now);
        } finally {
            running.unlock();
        }
    }

    /** Time until the next task, or empty when none is queued. */
    public java.util.Optional<Duration> nextDueIn() {
        synchronized (queue) {
            Task next = queue.peek();
            return next == null ? java.util.Optional.empty()
                    : java.util.Optional.of(Duration.ofNanos(Math.max(0, next.at - now)));
        }
    }

    /** What tasks threw, oldest first. */
    public List<Throwable> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private void runUntil(long target) {
        Task task;
        while ((task = pollDue(target)) != null) {
            now = Math.max(now, task.at);
            try {
                task.body.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.error("a task on the virtual control thread threw; it goes on", e);
                synchronized (errors) {
                    errors.add(e);
                }
            }
            synchronized (queue) {
                if (task.period > 0 && !task.cancelled && !shutdown) {
                    task.at += task.period;
                    task.seq = sequence++;
                    queue.add(task);
                } else {
                    task.done = true;
                }
            }
        }
    }

    private Task pollDue(long target) {
        synchronized (queue) {
            Task next = queue.peek();
            return next != null && next.at <= target ? queue.poll() : null;
        }
    }

    private void drive() {
        while (!shutdown) {
            runDue();
            synchronized (queue) {
                while (!shutdown) {
                    Task next = queue.peek();
                    if (next != null && next.at <= now) {
                        break;
                    }
                    try {
                        // Also re-checks now and then: advance() may have moved the time past a queued task.
                        queue.wait(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
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
        return add(command, unit.toNanos(Math.max(0, initialDelay)), positive(unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(Math.max(0, initialDelay)), positive(unit.toNanos(delay)));
    }

    private static long positive(long period) {
        if (period <= 0) {
            throw new IllegalArgumentException("a period must be positive, got " + period + " ns");
        }
        return period;
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    private Task add(Runnable body, long delayNanos, long periodNanos) {
        synchronized (queue) {
            if (shutdown) {
                throw new RejectedExecutionException("the virtual scheduler is shut down");
            }
            Task task = new Task(body, now + delayNanos, periodNanos, sequence++);
            queue.add(task);
            queue.notifyAll();
            return task;
        }
    }

    @Override
    public void shutdown() {
        shutdownNow();
    }

    /** Stops taking tasks, forgets the queued ones and stops the driver thread. */
    @Override
    public List<Runnable> shutdownNow() {
        synchronized (queue) {
            shutdown = true;
            queue.clear();
            queue.notifyAll();
        }
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && (driver == null || !driver.isAlive());
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (driver != null && Thread.currentThread() != driver) {
            driver.join(Math.max(1, unit.toMillis(timeout)));
        }
        return isTerminated();
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final long period;
        long at;
        long seq;
        volatile boolean cancelled;
        volatile boolean done;

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
            synchronized (queue) {
                if (done || cancelled) {
                    return false;
                }
                cancelled = true;
                // As the control thread's executor does (remove-on-cancel): a cancelled timer keeps nothing alive.
                queue.remove(this);
                return true;
            }
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

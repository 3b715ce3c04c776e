package io.marketfeed.runtime.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * What a {@link FeedEngine} runs on instead of its own control thread, Jetty client and system time: for tests, a
 * {@link io.marketfeed.runtime.testing.VirtualNetwork} and its
 * {@link io.marketfeed.runtime.testing.ManualScheduler}.
 *
 * @param control runs every control task and timer; the engine shuts it down when it closes
 * @param transport dials the connections
 * @param nanos the monotonic time every delay, gap and silence is measured on, the one {@code control}'s timers
 *     follow
 * @param random draws in [0, 1) for reconnect jitter
 */
public record Wiring(ScheduledExecutorService control, Transport transport, LongSupplier nanos,
        DoubleSupplier random) {
}

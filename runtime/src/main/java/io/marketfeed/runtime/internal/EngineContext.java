package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.runtime.ReconnectPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * What every provider runtime shares: the control thread, the transport, the listeners, the clock and the
 * reconnect policy.
 *
 * @param control the single thread that owns all ledger and connection state, and all timers
 * @param transport the one WebSocket client
 * @param deliveries the listeners
 * @param creditSampleInterval how often metered providers' spending is sampled for the forecast
 * @param random draws in [0, 1) for jitter
 * @param nanos the monotonic time every delay, gap and silence is measured on ({@link System#nanoTime()}; a
 *     virtual one in tests, together with a virtual {@code control})
 * @param secrets every credential of the engine, masked in whatever text came from outside
 */
record EngineContext(ScheduledExecutorService control, Transport transport, List<Delivery> deliveries, Clock clock,
        ReconnectPolicy reconnect, Duration connectTimeout, Duration creditSampleInterval, DoubleSupplier random,
        LongSupplier nanos, SecretMask secrets) {

    /** Text from a server or the network stack, made safe for an event or a log line ({@link OutsideText}). */
    String outside(String text) {
        return OutsideText.clean(text, secrets);
    }

    /** A message of ours or a provider's that quotes outside text: made safe, with the longer cap. */
    String outsideMessage(String message) {
        return OutsideText.clean(message, secrets, OutsideText.MAX_MESSAGE_LENGTH);
    }

    /**
     * A provider's message, which may quote what a server said, made safe the same way with a longer cap
     * ({@link OutsideText#MAX_MESSAGE_LENGTH}): the provider's own explanation around the quote is kept.
     */
    Disposition outside(Disposition disposition) {
        String message = outsideMessage(disposition.message());
        return message.equals(disposition.message()) ? disposition
                : new Disposition(disposition.kind(), message, disposition.minDelay());
    }

    /** Now, on the monotonic time of {@link #control}'s timers. */
    long nanoTime() {
        return nanos.getAsLong();
    }

    /**
     * Posts a task from a transport thread to the control thread; after the engine stopped there is nobody to
     * tell, and the task is dropped.
     */
    void post(Runnable task) {
        try {
            control.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopped: a late close or frame of a connection being torn down.
        }
    }

    /**
     * Hands a lifecycle event to every listener; never waits. (Market data goes through the read path,
     * {@link SignalOutput}, which also applies back-pressure.)
     */
    void publish(MarketEvent event) {
        for (Delivery delivery : deliveries) {
            delivery.queue().offer(event);
        }
    }
}

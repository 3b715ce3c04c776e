package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A listener that throws, both exceptions and errors (an assertion, a missing class), never stops the feed: it
 * gets every later event too, the other listener misses nothing, the failures are counted in the snapshot, and
 * the log names the listener and its class once, then only at powers of two.
 */
class ThrowingListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final EventRecorder<Trade> others = new EventRecorder<>(Trade.class, WAIT);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger deliveryLog = (Logger) LoggerFactory.getLogger(Delivery.class);
    private MarketFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        deliveryLog.detachAppender(logs);
    }

    @Test
    void aListenerThrowingExceptionsAndErrorsCostsItOnlyThoseEvents() {
        logs.start();
        deliveryLog.addAppender(logs);
        AtomicLong calls = new AtomicLong();
        FeedListener broken = new Broken(calls);
        // The listeners' own threads deliver; the server is in memory, on virtual time that need not move.
        VirtualNetwork network = new VirtualNetwork(ManualScheduler.withDriver()).onDial(dial -> {
            dial.accept();
            for (int i = 0; i < 200; i++) {
                dial.send("AAA");
            }
        });
        URI uri = URI.create("ws://vendor.test/stream");
        feed = MarketFeed.builder()
                .provider("lines", new LoopbackProtocol("stream", uri, AuthStyle.none(),
                        List.of(new Subscription("trades", "AAA")), (frame, out) -> out.emit(new Trade("lines",
                                frame.asString(), BigDecimal.ONE, BigDecimal.ONE, null, Side.UNKNOWN, null, null,
                                frame.receivedAt()))))
                .listener("broken", broken)
                .listener("others", others)
                .stopTimeout(Duration.ofSeconds(2))
                .virtualNetwork(network)
                .build();
        feed.start();

        others.await(trade -> others.all(t -> true).size() >= 200);
        // 200 trades and at least the two connection events, each of which threw, and was counted.
        Await.until(() -> calls.get() >= 200 + 2 && failures() == calls.get(), WAIT);
        List<ILoggingEvent> lines;
        synchronized (logs) { // the appender adds under its own lock, on the delivery thread
            lines = List.copyOf(logs.list);
        }
        List<String> warnings = lines.stream().filter(line -> line.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(warnings.get(0).startsWith("listener 'broken' (" + Broken.class.getName() + ") threw on"),
                warnings.get(0));
        assertTrue(warnings.size() <= 1 + 64 - Long.numberOfLeadingZeros(calls.get()), warnings.toString());
    }

    private long failures() {
        return feed.snapshot().listeners().stream().filter(listener -> listener.name().equals("broken")).findFirst()
                .orElseThrow().failures();
    }

    /** Throws on every event: an exception, then an assertion, then a missing class, in turn. */
    private static final class Broken implements FeedListener {
        private final AtomicLong calls;

        Broken(AtomicLong calls) {
            this.calls = calls;
        }

        @Override
        public void onEvent(MarketEvent event) {
            long call = calls.incrementAndGet();
            switch ((int) (call % 3)) {
                case 0 -> throw new IllegalStateException("broken listener");
                case 1 -> throw new AssertionError("a failed assertion in a listener");
                default -> throw new NoClassDefFoundError("com/example/Missing");
            }
        }
    }

    /** Polls a condition; the feed's threads do the work. */
    private static final class Await {
        static void until(java.util.function.BooleanSupplier condition, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + limit);
                }
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }
}

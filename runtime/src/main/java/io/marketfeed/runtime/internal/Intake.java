package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read side of one connection attempt: stamps each frame, decodes it where its bytes are (on the
 * transport's read thread, so decoding is ordered within a connection and scales with connections), hands
 * the events to the listeners' queues, and stops reading while a lossless listener's queue is full, so that
 * TCP pushes back on the server. Control signals found while decoding go to the control thread
 * ({@link SignalOutput}); so do the opening and closing of the socket, in the order they happened.
 *
 * <p>Threading: transport callbacks arrive on one read thread at a time. {@link #resume()} comes from a
 * delivery thread, {@link #pausedByUs()} is read by the control thread; the pause is one flag changed by
 * compare-and-set, so exactly one side resumes reading.
 */
final class Intake implements Transport.TransportHandler, DeliveryQueue.Pausable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Intake.class);

    private final Connection connection;
    private final Attempt attempt;
    private final EngineContext context;
    private final SignalOutput output;
    private final boolean anyFrameIsLive;
    private final boolean borrowsFrames;
    private final AtomicBoolean pausedByUs = new AtomicBoolean();
    private volatile Transport.TransportSession transport;

    Intake(Connection connection, Attempt attempt, ProviderRuntime provider, EngineContext context,
            HeartbeatSpec heartbeat) {
        this.connection = connection;
        this.attempt = attempt;
        this.context = context;
        this.output = new SignalOutput(provider, connection, attempt, context);
        this.anyFrameIsLive = heartbeat.liveness() == HeartbeatSpec.Liveness.ANY_FRAME;
        this.borrowsFrames = provider.borrowsFrames();
    }

    @Override
    public void onOpen(Transport.TransportSession session) {
        transport = session;
        context.post(() -> connection.onOpened(attempt, session));
        // Here, not on the control thread: the session hears of the open before its first frame.
        output.open();
    }

    @Override
    public boolean onMessage(byte[] array, int offset, int length, boolean text) {
        long nanos = context.nanoTime();
        Instant at = context.clock().instant();
        attempt.lastFrameAt = at;
        attempt.frames.incrementAndGet();
        connection.frameReceived(at);
        if (anyFrameIsLive) {
            attempt.lastLiveNanos = nanos;
        }
        if (LOG.isTraceEnabled()) {
            // What a server sends may quote a credential or carry control characters: never logged raw.
            LOG.trace("{} <- {}", connection.id(), context.outsideMessage(text
                    ? new String(array, offset, length, java.nio.charset.StandardCharsets.UTF_8)
                    : length + " bytes of binary"));
        }
        InboundFrame frame = borrowsFrames ? new InboundFrame(array, offset, length, text, at)
                : new InboundFrame(java.util.Arrays.copyOfRange(array, offset, offset + length), 0, length, text, at);
        DeliveryQueue full = output.decode(frame, nanos);
        return full == null || !pause(full);
    }

    /** @return whether reading stays paused (false: the queue drained meanwhile, go on reading) */
    private boolean pause(DeliveryQueue full) {
        pausedByUs.set(true);
        if (full.pause(this)) {
            return true;
        }
        // Drained between our offer and our registration: resume ourselves, unless the consumer already did.
        return !pausedByUs.compareAndSet(true, false);
    }

    @Override
    public void resume() {
        if (pausedByUs.compareAndSet(true, false)) {
            // The silence while we did not read was ours: the server's liveness is counted from now.
            attempt.lastLiveNanos = context.nanoTime();
            transport.resumeReading();
        }
    }

    /** Whether reading is paused because a listener is behind: the server is not silent, we are not listening. */
    boolean pausedByUs() {
        return pausedByUs.get();
    }

    @Override
    public void onMessageTooLarge(long limit, long received) {
        context.post(() -> connection.onMessageTooLarge(attempt, limit, received));
    }

    @Override
    public void onClosed(int code, String reason) {
        // Frames are decoded on this thread before the close is reported, and their control signals were
        // posted first: an error frame sent just before the close is classified before it.
        context.post(() -> connection.onTransportClosed(attempt, code, reason));
    }
}

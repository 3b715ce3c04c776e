package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.ProtocolSession;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection attempt: its protocol session and socket. A reconnect makes a new attempt, so callbacks
 * and decoded signals from an old socket can be recognised ({@link #dead}) and cannot act on the new one.
 * Calls into {@link #session} are serialised by synchronising on this object.
 */
final class Attempt {

    final int generation;
    final ProtocolSession session;
    /** The read side; set before connecting. */
    volatile Intake intake;
    /** Set on the control thread when the socket opens. */
    volatile Transport.TransportSession transport;
    /** Set on the control thread once this attempt is over; later signals from it are ignored. */
    volatile boolean dead;
    /** Written by the read thread (a frame, a heartbeat) and by a delivery thread (reading resumed). */
    volatile long lastLiveNanos;
    /** When the last frame arrived. */
    volatile Instant lastFrameAt;
    final AtomicLong frames = new AtomicLong();
    /** Credentials this attempt's session added to the URL, scrubbed from messages like the endpoint's own. */
    volatile List<Secret> extraSecrets = List.of();

    Attempt(int generation, ProtocolSession session, long startNanos) {
        this.generation = generation;
        this.session = session;
        this.lastLiveNanos = startNanos;
    }
}

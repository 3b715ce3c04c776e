package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One accepted client connection of a {@link ScriptedServer}: what it received, and the faults that can be
 * applied to it. A connection is the server's side of one client attempt; a reconnecting client makes a new one.
 *
 * <p>Thread safe. Sends are asynchronous, never block, and keep their call order on the wire. The package-private
 * methods are its host's side ({@link JettyHost}, {@code VirtualHost}, directly or through {@code Arrivals}): they
 * report what happened on the wire.
 */
public final class ScriptedConnection {

    private final long id;
    private final Handshake handshake;
    private final ServerLog log;
    private final List<ReceivedFrame> received = new CopyOnWriteArrayList<>();
    /** Serialises sends so that frames reach the wire in call order. */
    private final Object sendLock = new Object();
    private volatile Wire wire;
    private volatile boolean stalled;
    private volatile boolean open;
    private volatile Integer closeCode;
    private volatile String closeReason = "";
    /** What {@link #close} sent, which is what the connection closed with rather than the client's echo. */
    private Integer sentCloseCode;
    private String sentCloseReason;

    ScriptedConnection(long id, Handshake handshake, ServerLog log) {
        this.id = id;
        this.handshake = requireNonNull(handshake, "handshake is null");
        this.log = log;
    }

    /** The connection's id: 1 for the first accepted connection of the server, then 2, … */
    public long id() {
        return id;
    }

    /** The upgrade request that opened it. */
    public Handshake handshake() {
        return handshake;
    }

    /** Whether the WebSocket is open (a stalled connection is still open). */
    public boolean isOpen() {
        return open;
    }

    /** Whether {@link #stall()} silenced it. */
    public boolean isStalled() {
        return stalled;
    }

    /** Every message the client sent on this connection, in arrival order (a snapshot). */
    public List<ReceivedFrame> received() {
        return List.copyOf(received);
    }

    /** The texts of {@link #received()}. */
    public List<String> receivedTexts() {
        List<String> out = new ArrayList<>();
        received.forEach(frame -> out.add(frame.text()));
        return out;
    }

    /**
     * Sends a text message. Returns false, sending nothing, when the connection is closed or stalled.
     */
    public boolean send(String text) {
        return sendText(text);
    }

    /** Sends a text message that need not exist as a string: {@link HostileServerCases}' 50 MB one. */
    boolean sendText(CharSequence text) {
        requireNonNull(text, "text is null");
        synchronized (sendLock) {
            Wire current = wire;
            if (!open || stalled || current == null || !current.isOpen()) {
                return false;
            }
            current.sendText(text);
            return true;
        }
    }

    /** Sends a binary message; returns false, sending nothing, when the connection is closed or stalled. */
    public boolean sendBinary(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        synchronized (sendLock) {
            Wire current = wire;
            if (!open || stalled || current == null || !current.isOpen()) {
                return false;
            }
            current.sendBinary(bytes.clone());
            return true;
        }
    }

    /**
     * Drops the connection without a close frame, as a crashed server or a broken network would; the client sees
     * an abnormal closure (1006). For a drop <em>with</em> a close frame, use {@link #close(int, String)} with
     * 1001 (going away) or 1011 (server error).
     */
    public void drop() {
        Wire current = wire;
        if (current != null) {
            current.disconnect();
        }
    }

    /** Starts a close handshake with this code and reason. */
    public void close(int code, String reason) {
        requireNonNull(reason, "reason is null");
        Wire current = wire;
        if (current != null) {
            synchronized (sendLock) {
                if (sentCloseCode == null) {
                    sentCloseCode = code;
                    sentCloseReason = reason;
                }
            }
            current.close(code, reason);
        }
    }

    /**
     * Silences the connection for good: the TCP connection stays open, but nothing is sent any more (not even
     * pongs to WebSocket pings), client messages are recorded and never answered, and pushes are suppressed. This
     * is how a half-open connection or a hung server looks to a client.
     */
    public void stall() {
        stalled = true;
        Await.signal();
    }

    /**
     * The code the connection closed with, once closed: the one {@link #close} sent, otherwise the client's, or
     * 1006 when it was lost without a close frame.
     */
    public OptionalInt closeCode() {
        Integer code = closeCode;
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The close reason once closed, or empty. */
    public String closeReason() {
        return closeReason;
    }

    /** Waits until the connection is closed (on a virtual network: while virtual time passes). */
    public void awaitClosed(Duration timeout) {
        log.waiter().until(() -> closeCode != null, timeout, () -> "connection #" + id + " was not closed within "
                + timeout.toMillis() + " ms");
    }

    @Override
    public String toString() {
        return "ScriptedConnection#" + id + handshake.path() + (open ? stalled ? " (stalled)" : " (open)"
                : " (closed " + closeCode + ")");
    }

    /** Whether its host has opened it (it may have closed since). */
    boolean hasOpened() {
        return wire != null;
    }

    /** Called by the host once the WebSocket is open on {@code newWire}. */
    void opened(Wire newWire) {
        wire = newWire;
        open = true;
        Await.signal();
    }

    /** Called for each client message, after the rules answered it. */
    void record(String text, boolean binary, Instant at) {
        ReceivedFrame frame = new ReceivedFrame(id, at, text, binary);
        received.add(frame);
        log.recorded(frame);
    }

    /** Called by the host once the WebSocket is closed, with the code and reason it saw. */
    void closed(int code, String reason) {
        open = false;
        synchronized (sendLock) {
            closeReason = sentCloseCode != null ? sentCloseReason : reason == null ? "" : reason;
            closeCode = sentCloseCode != null ? sentCloseCode : code;
        }
        Await.signal();
    }

    /** Called by the host for a WebSocket ping: answered unless stalled. */
    void pong(ByteBuffer payload) {
        synchronized (sendLock) {
            Wire current = wire;
            if (!stalled && current != null && current.isOpen()) {
                current.sendPong(payload);
            }
        }
    }
}

package io.marketfeed.testkit;

/**
 * The server's end of one accepted connection, as a {@link ScriptedConnection} acts on it: a Jetty session on a
 * real socket ({@link JettyHost}) or a connection of a {@link io.marketfeed.runtime.testing.VirtualNetwork}
 * ({@link VirtualHost}). Implementations are thread safe; sends keep their call order on the wire.
 */
interface Wire {

    /** Whether the connection is still open at this end. */
    boolean isOpen();

    /** Sends a text message; on the virtual network a text over the client's limit is never built. */
    void sendText(CharSequence text);

    void sendBinary(byte[] bytes);

    /** Answers a WebSocket ping (real sockets only; the virtual network has no control frames). */
    void sendPong(java.nio.ByteBuffer payload);

    /** Drops the connection without a close frame. */
    void disconnect();

    /** Starts a close handshake. */
    void close(int code, String reason);
}

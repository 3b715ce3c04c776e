package io.marketfeed.simulator;

/**
 * The protocol side of one connection: a simulation creates one per accepted handshake.
 *
 * <p>Threading: Jetty calls these methods one at a time per connection (never concurrently for the same
 * connection), on its own threads, which must not block. {@code onText} is not called while the connection is
 * stalled; the message is still {@linkplain Observation#received() recorded}.
 */
public interface ConnectionHandler {

    /** The WebSocket is open; send the protocol's welcome (or close for a bad credential). */
    void onOpen(SimulatedConnection connection);

    /** One complete text message from the client. */
    void onText(SimulatedConnection connection, String text);

    /** The connection ended; {@code code} is the client's close status, 1006 when there was no close frame. */
    default void onClose(SimulatedConnection connection, int code, String reason) {
    }
}

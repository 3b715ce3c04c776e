package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Closes a freshly opened connection with a fixed code, optionally after one text message: how servers that
 * authenticate by query parameter reject a credential after accepting the upgrade. Ignores client messages.
 */
public final class ClosingHandler implements ConnectionHandler {

    private final int code;
    private final String reason;
    private final Optional<String> firstMessage;

    public ClosingHandler(int code, String reason, Optional<String> firstMessage) {
        this.code = CloseCodes.requireSendable(code);
        this.reason = CloseCodes.requireReason(requireNonNull(reason, "reason is null"));
        this.firstMessage = requireNonNull(firstMessage, "firstMessage is null");
    }

    @Override
    public void onOpen(SimulatedConnection connection) {
        // Jetty queues frames in call order, so the message (if any) precedes the close frame on the wire.
        firstMessage.ifPresent(connection::send);
        connection.close(code, reason);
    }

    @Override
    public void onText(SimulatedConnection connection, String text) {
    }
}

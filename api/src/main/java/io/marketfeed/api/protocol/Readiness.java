package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a freshly opened connection may carry subscriptions.
 *
 * @param awaitMessage whether to wait for the decoder to call {@link DecodeOutput#ready()} (for example on
 *     SAHMK's {@code connected} or TickAtlas's {@code authenticated})
 * @param deadline how long to wait
 * @param required when the deadline passes: {@code true} replaces the connection (retryable failure);
 *     {@code false} proceeds as if ready, with a warning
 */
public record Readiness(boolean awaitMessage, Duration deadline, boolean required) {

    public Readiness {
        requireNonNull(deadline, "deadline is null");
    }

    /** Ready as soon as the handshake completes. */
    public static Readiness onOpen() {
        return new Readiness(false, Duration.ZERO, false);
    }

    /** Wait for a ready message; see the record's parameters. */
    public static Readiness awaitMessage(Duration deadline, boolean required) {
        return new Readiness(true, deadline, required);
    }
}

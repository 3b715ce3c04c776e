package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The runtime's response to a close code, a failed handshake or an error frame. Every such signal is
 * classified; per-symbol rejections are reported separately with {@link DecodeOutput#rejected}.
 *
 * @param kind what to do
 * @param message for people; for {@link Kind#FATAL} it says what to fix
 * @param minDelay for {@link Kind#RETRY}, the least delay before the next attempt (zero: backoff only)
 */
public record Disposition(Kind kind, String message, Duration minDelay) {

    /** What the runtime does. */
    public enum Kind {
        /** Stop this provider and never retry; {@code message} says what to fix. */
        FATAL,
        /** Close (if still open) and reconnect with backoff, waiting at least {@code minDelay}. */
        RETRY,
        /** Stay connected but expect no data (for example a spent quota); no staleness alarms. */
        PAUSE,
        /** Data flows again after a pause. */
        RESUME,
        /** Log and report it, keep the connection. */
        WARN
    }

    public Disposition {
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        requireNonNull(minDelay, "minDelay is null");
    }

    public static Disposition fatal(String whatToFix) {
        return new Disposition(Kind.FATAL, whatToFix, Duration.ZERO);
    }

    public static Disposition retry(String message) {
        return new Disposition(Kind.RETRY, message, Duration.ZERO);
    }

    public static Disposition retryAfter(String message, Duration minDelay) {
        return new Disposition(Kind.RETRY, message, minDelay);
    }

    public static Disposition pause(String message) {
        return new Disposition(Kind.PAUSE, message, Duration.ZERO);
    }

    public static Disposition resume(String message) {
        return new Disposition(Kind.RESUME, message, Duration.ZERO);
    }

    public static Disposition warn(String message) {
        return new Disposition(Kind.WARN, message, Duration.ZERO);
    }
}

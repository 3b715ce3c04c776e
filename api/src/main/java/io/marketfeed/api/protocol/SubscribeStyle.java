package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How subscribe requests behave on the wire.
 *
 * @param mode additive requests, or each request replacing the previous list of its topic
 * @param acknowledged whether the server acknowledges (the decoder then calls
 *     {@link DecodeOutput#acknowledged})
 * @param ackTimeout how long an acknowledgement may take before the runtime reports it missing
 */
public record SubscribeStyle(Mode mode, boolean acknowledged, Duration ackTimeout) {

    /** Subscribe semantics. */
    public enum Mode {
        /** Each request adds (or removes) the symbols it names. Requests are chunked to the frame limit. */
        ADDITIVE,
        /**
         * Each request carries the whole list of its topic and replaces the previous one (AllTick). The
         * runtime always sends the full list, never a chunk.
         */
        REPLACE_ALL
    }

    public SubscribeStyle {
        requireNonNull(mode, "mode is null");
        requireNonNull(ackTimeout, "ackTimeout is null");
    }

    public static SubscribeStyle additive(Duration ackTimeout) {
        return new SubscribeStyle(Mode.ADDITIVE, true, ackTimeout);
    }

    public static SubscribeStyle replaceAll(Duration ackTimeout) {
        return new SubscribeStyle(Mode.REPLACE_ALL, true, ackTimeout);
    }
}

package io.marketfeed.simulator;

import java.nio.charset.StandardCharsets;

/** Checks for close frames the simulator is asked to send. */
final class CloseCodes {

    /** RFC 6455 §5.5: a close payload is at most 125 bytes, two of which are the code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * Rejects codes that may not appear in a close frame: 1004-1006 and 1015 are reserved, below 1000 and 1016-2999
     * are unassigned, 5000 and above are invalid.
     */
    static int requireSendable(int code) {
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("close code " + code
                    + " cannot be sent in a close frame; use 1000-1003, 1007-1014 or 3000-4999");
        }
        return code;
    }

    static String requireReason(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is longer than " + MAX_REASON_BYTES + " UTF-8 bytes");
        }
        return reason;
    }

    static String defaultReason(int code) {
        return switch (code) {
            case 1000 -> "Normal closure";
            case 1001 -> "Going away";
            case 1011 -> "Internal server error";
            case 1012 -> "Service restart";
            case 1013 -> "Try again later";
            default -> "Closed by simulator";
        };
    }
}

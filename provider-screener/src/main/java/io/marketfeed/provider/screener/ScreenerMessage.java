package io.marketfeed.provider.screener;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server message as read from the wire, every field optional: the shipped server strips payload fields in
 * delivery (protocols.md §2.6), and the docs use other names. Scalars are kept as their wire text so that
 * numbers stay exact ({@code 73000.5} is the {@code BigDecimal} 73000.5, never a double). Not thread safe.
 */
final class ScreenerMessage {

    /** Longer numeric or time text is not a Screener value; refusing it keeps BigDecimal work cheap. */
    private static final int MAX_VALUE_LENGTH = 64;

    /** Top-level scalars by JSON name (only the names the decoder uses are kept). */
    final Map<String, String> fields = new HashMap<>();
    /** Scalars of {@code details} ({@code rate_limit}, {@code error}). */
    final Map<String, String> details = new HashMap<>();
    /** Scalars of {@code data} (the alert's {@code data{}}, and the frontend's nested shape). */
    final Map<String, String> data = new HashMap<>();
    List<String> targets;
    List<Level> bids;
    List<Level> asks;
    /** {@code restored_subscriptions}: subscription type → targets, in wire order. */
    Map<String, List<String>> restored;
    /** {@code batch.messages}, in order. */
    List<ScreenerMessage> messages;
    /** Whether {@code sequence} was present and JSON null (the server's unsolicited heartbeat). */
    boolean sequenceNull;

    /** One order-book level as wire text. */
    record Level(String price, String quantity, String orders) {
    }

    String type() {
        return trimmed("type");
    }

    String text(String name) {
        return fields.get(name);
    }

    String trimmed(String name) {
        return clean(fields.get(name));
    }

    /** The first present of several names (the code's name first, then the docs'). */
    String first(String... names) {
        for (String name : names) {
            String value = trimmed(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    BigDecimal decimal(String name) {
        return decimalOf(fields.get(name));
    }

    Instant instant(String name) {
        return instantOf(fields.get(name));
    }

    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    static BigDecimal decimalOf(String raw) {
        String text = clean(raw);
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs(value.scale()) <= MAX_VALUE_LENGTH ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A whole non-negative number, or -1. */
    static long wholeOf(String raw) {
        BigDecimal value = decimalOf(raw);
        if (value == null || value.signum() < 0) {
            return -1;
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /**
     * The server's {@code datetime.utcnow().isoformat()} (naive, taken as UTC, e.g.
     * {@code 2025-11-10T12:00:00.123456}) and the docs' {@code ...Z}; also any offset, or a blank for T.
     */
    static Instant instantOf(String raw) {
        String text = clean(raw);
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static Map<String, List<String>> newRestored() {
        return new LinkedHashMap<>();
    }

    static List<ScreenerMessage> newMessages() {
        return new ArrayList<>();
    }
}

package io.marketfeed.provider.tickatlas;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The scalar fields of one JSON object of a TickAtlas message, kept as the text they had on the wire. Keeping
 * text is what makes decoding lenient and exact at once: a price sent as {@code 1.08420} or as {@code "1.08420"}
 * becomes the same {@code BigDecimal} with its five decimals, and a value of the wrong kind reads as absent
 * instead of failing the frame.
 *
 * <p>Only the fields the decoder uses are kept; everything else is skipped while parsing. Not thread safe.
 */
final class WireFields {

    /** The field names TickAtlas uses that the decoder reads, at any level. */
    enum Field {
        TYPE("type"), SYMBOL("symbol"), MESSAGE("message"), CODE("code"), ERROR("error"), PLAN("plan"),
        MAX_SYMBOLS("max_symbols"), CREDITS_PER_PUSH("credits_per_push"),
        DAILY_QUOTA_REMAINING("daily_quota_remaining"), TOTAL_SUBSCRIBED("total_subscribed"),
        BID("bid"), ASK("ask"), SPREAD("spread"), PRICE("price"), OPEN("open"), HIGH("high"), LOW("low"),
        CLOSE("close"), VOLUME("volume"), TIME("time"), TIMESTAMP("timestamp");

        private static final Map<String, Field> BY_NAME = new HashMap<>();

        static {
            for (Field field : values()) {
                BY_NAME.put(field.wireName, field);
            }
        }

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        /** The field with this JSON name, or null when the decoder does not use it. */
        static Field named(String name) {
            return BY_NAME.get(name);
        }
    }

    /**
     * Longer numeric or time text, or a larger decimal exponent, is not a TickAtlas value; refusing it keeps a
     * hostile frame from making {@code BigDecimal} work expensive.
     */
    private static final int MAX_VALUE_LENGTH = 64;

    /** Epoch numbers above this are milliseconds, below it seconds (10^11 s is the year 5138). */
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    private final String[] values = new String[Field.values().length];

    void set(Field field, String text) {
        values[field.ordinal()] = text;
    }

    /** The text, or null when absent or JSON null. */
    String text(Field field) {
        return values[field.ordinal()];
    }

    /** The text without surrounding blanks, or null when absent or blank. */
    String trimmed(Field field) {
        String text = values[field.ordinal()];
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    boolean has(Field field) {
        return trimmed(field) != null;
    }

    /**
     * The exact decimal the wire text spells, or null when absent, not a number, or of an absurd magnitude.
     */
    BigDecimal decimal(Field field) {
        String text = trimmed(field);
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

    /** A whole number of at least {@code minimum} ({@code 20}, {@code "20"} or {@code 20.0}), or empty. */
    OptionalLong wholeLong(Field field, long minimum) {
        BigDecimal value = decimal(field);
        if (value == null || value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return OptionalLong.empty();
        }
        try {
            long whole = value.longValueExact();
            return whole >= minimum ? OptionalLong.of(whole) : OptionalLong.empty();
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Like {@link #wholeLong}, within the range of an int. */
    OptionalInt wholeNumber(Field field, int minimum) {
        OptionalLong value = wholeLong(field, minimum);
        return value.isPresent() && value.getAsLong() <= Integer.MAX_VALUE ? OptionalInt.of((int) value.getAsLong())
                : OptionalInt.empty();
    }

    /**
     * A point in time, or null when absent or unreadable. Accepted, since the WebSocket reference is not public:
     * ISO-8601 with an offset or {@code Z}; without one (taken as UTC, as the REST API's times are); a blank
     * instead of {@code T}; and epoch seconds or milliseconds as a number.
     */
    Instant instant(Field field) {
        String text = trimmed(field);
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        if (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0 && text.indexOf(':') < 0) {
            return epoch(text);
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

    private static Instant epoch(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() <= 0 || value.precision() - value.scale() > 16) {
                return null;
            }
            if (value.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_THRESHOLD)) >= 0) {
                return Instant.ofEpochMilli(value.longValue());
            }
            long seconds = value.longValue();
            long nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}

package io.marketfeed.provider.sahmk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The scalar fields of one JSON object of a SAHMK message, kept as the text they had on the wire. Keeping
 * text is what makes decoding lenient and exact at once: a number sent as {@code 32.50} or as
 * {@code "32.50"} becomes the same {@code BigDecimal} with its scale, a symbol sent as a number still reads
 * as a symbol, and a value of the wrong kind reads as absent instead of failing the frame.
 *
 * <p>Only the fields the decoder uses are kept; everything else is skipped while parsing. Not thread safe.
 */
final class WireFields {

    /** The field names SAHMK uses that the decoder reads, at any level. */
    enum Field {
        TYPE("type"), SYMBOL("symbol"), MESSAGE("message"), CODE("code"), PLAN("plan"), AVAILABLE("available"),
        TIMESTAMP("timestamp"), UPDATED_AT("updated_at"), EVENT_TIME("event_time"),
        PRICE("price"), CHANGE("change"), CHANGE_PERCENT("change_percent"), VOLUME("volume"), BID("bid"),
        ASK("ask"), OPEN("open"), HIGH("high"), LOW("low"), PREVIOUS_CLOSE("previous_close"),
        QUANTITY("quantity"), VALUE("value"), SIDE("side"), TRADE_ID("trade_id"), LEVEL("level"),
        ORDER_COUNT("order_count"), MAX_SYMBOLS_PER_CONNECTION("max_symbols_per_connection"),
        MAX_SYMBOLS_PER_CALL("max_symbols_per_call");

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
     * Longer numeric or time text, or a larger decimal exponent, is not a SAHMK value; refusing it keeps a
     * hostile frame from making {@code BigDecimal} work expensive.
     */
    private static final int MAX_VALUE_LENGTH = 64;

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

    /**
     * The exact decimal the wire text spells, or null when absent, not a number, or of an absurd magnitude
     * ({@code 1e999999999} is no price, and printing it in plain notation would take a gigabyte).
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

    /** A whole number of at least {@code minimum} ({@code 60}, {@code "60"} or {@code 60.0}), or empty. */
    OptionalInt wholeNumber(Field field, int minimum) {
        BigDecimal value = decimal(field);
        if (value == null || value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return OptionalInt.empty();
        }
        try {
            int whole = value.intValueExact();
            return whole >= minimum ? OptionalInt.of(whole) : OptionalInt.empty();
        } catch (ArithmeticException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * An ISO-8601 time with an offset or {@code Z}, or null when absent or unparseable. A blank instead of
     * {@code T} is accepted because Python's {@code str(datetime)} writes one.
     */
    Instant instant(Field field) {
        String text = trimmed(field);
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the field is the JSON {@code false} (or the string "false"). */
    boolean isFalse(Field field) {
        String text = trimmed(field);
        return text != null && text.toLowerCase(Locale.ROOT).equals("false");
    }
}

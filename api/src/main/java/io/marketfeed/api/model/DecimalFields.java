package io.marketfeed.api.model;

import java.math.BigDecimal;

/**
 * An event's exact decimals, readable without allocating: for sinks that write many events per second.
 * Field {@code i} (0 to {@link #decimalCount()} − 1, in the order the event declares its values) is either
 * absent, or <em>compact</em>: exactly {@code unscaled(i) × 10^-scale(i)} with {@code scale(i)} between 0 and
 * {@value #MAX_COMPACT_SCALE}, or otherwise only available as {@link #decimal(int)}. The value is the same
 * whichever way it is read, and {@code 32.50} keeps its two decimals.
 *
 * {@snippet :
 * for (int i = 0; i < event.decimalCount(); i++) {
 *     if (!event.hasDecimal(i)) continue;
 *     if (event.isCompact(i)) writePlain(event.unscaled(i), event.scale(i));
 *     else write(event.decimal(i).toPlainString());
 * }
 * }
 */
public interface DecimalFields {

    /** The largest scale a compact value has. */
    int MAX_COMPACT_SCALE = 61;

    /** How many decimal fields this kind of event has. */
    int decimalCount();

    /** The field's name, as its accessor is called: {@code price}, {@code previousClose}. */
    String decimalName(int field);

    /** Whether the field has a value. */
    boolean hasDecimal(int field);

    /** Whether the field has a value that {@link #unscaled} and {@link #scale} give exactly. */
    boolean isCompact(int field);

    /** The unscaled digits of a compact value; 0 otherwise. */
    long unscaled(int field);

    /** The scale of a compact value; 0 otherwise. */
    int scale(int field);

    /** The value, or null when absent. Allocates for a compact value. */
    BigDecimal decimal(int field);
}

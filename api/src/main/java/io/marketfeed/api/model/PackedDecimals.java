package io.marketfeed.api.model;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Up to ten exact decimals stored without an object per value, for the event classes: each value is an
 * unscaled {@code long} in an array, with a six-bit code per value packed into one {@code long}: its scale
 * (0 to 61), {@link #ABSENT}, or {@link #BIG} (the value is kept as a {@link BigDecimal} in a side array).
 * Packing is canonical: a value is compact exactly when its scale is 0 to 61 and its unscaled digits fit a
 * long, whichever way it was built, so equal decimals (by {@link BigDecimal#equals}) pack equally.
 *
 * <p>Static helpers; the arrays belong to the event, which never changes them after construction.
 */
final class PackedDecimals {

    static final int ABSENT = 62;
    static final int BIG = 63;
    private static final int BITS = 6;

    private PackedDecimals() {
    }

    /** Codes for {@code count} absent values. */
    static long allAbsent(int count) {
        long codes = 0;
        for (int i = 0; i < count; i++) {
            codes = withCode(codes, i, ABSENT);
        }
        return codes;
    }

    static int code(long codes, int field) {
        return (int) (codes >>> (field * BITS)) & 0x3f;
    }

    static long withCode(long codes, int field, int code) {
        int shift = field * BITS;
        return (codes & ~(0x3fL << shift)) | ((long) code << shift);
    }

    static boolean fitsCompact(BigDecimal value) {
        return value.scale() >= 0 && value.scale() <= DecimalFields.MAX_COMPACT_SCALE
                && value.unscaledValue().bitLength() < 64;
    }

    static BigDecimal value(long[] unscaled, long codes, BigDecimal[] big, int field) {
        int code = code(codes, field);
        if (code == ABSENT) {
            return null;
        }
        if (code == BIG) {
            return big[field];
        }
        return BigDecimal.valueOf(unscaled[field], code);
    }

    /** Writes the field's value into the given state; returns the new codes. {@code big} may be replaced. */
    static long set(long[] unscaled, long codes, BigDecimal[][] big, int field, BigDecimal value) {
        if (value == null) {
            unscaled[field] = 0;
            if (big[0] != null) {
                big[0][field] = null;
            }
            return withCode(codes, field, ABSENT);
        }
        if (fitsCompact(value)) {
            unscaled[field] = value.unscaledValue().longValue();
            if (big[0] != null) {
                big[0][field] = null;
            }
            return withCode(codes, field, value.scale());
        }
        if (big[0] == null) {
            big[0] = new BigDecimal[unscaled.length];
        }
        unscaled[field] = 0;
        big[0][field] = value;
        return withCode(codes, field, BIG);
    }

    static boolean equal(long[] unscaledA, long codesA, BigDecimal[] bigA, long[] unscaledB, long codesB,
            BigDecimal[] bigB) {
        return codesA == codesB && Arrays.equals(unscaledA, unscaledB) && Arrays.equals(nonEmpty(bigA),
                nonEmpty(bigB));
    }

    static int hash(long[] unscaled, long codes, BigDecimal[] big) {
        return 31 * (31 * Long.hashCode(codes) + Arrays.hashCode(unscaled)) + Arrays.hashCode(nonEmpty(big));
    }

    private static BigDecimal[] nonEmpty(BigDecimal[] big) {
        if (big == null) {
            return null;
        }
        for (BigDecimal value : big) {
            if (value != null) {
                return big;
            }
        }
        return null;
    }
}

package io.marketfeed.toolkit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * ISO-8601 date-times with an offset, read without {@code java.time}'s formatter on the common shape:
 * {@code 2026-02-10T12:19:22Z}, {@code 2026-02-10 12:19:22.123456+03:00} (a blank instead of {@code T}, as
 * Python's {@code str(datetime)} writes it), with 0 to 9 fraction digits. Any other text goes through
 * {@link OffsetDateTime#parse}, so the result is the same as {@code OffsetDateTime.parse(text.replace(' ',
 * 'T')).toInstant()} for every input, only faster for the usual one. Stateless and thread safe.
 */
public final class IsoInstant {

    private static final int MAX_LENGTH = 64;

    private IsoInstant() {
    }

    /** The instant, or null when {@code text} is no ISO-8601 date-time with an offset. */
    public static Instant parse(CharSequence text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return parse(chars, 0, chars.length);
    }

    /** The instant written in {@code chars[offset, offset + length)} (blanks around it allowed), or null. */
    public static Instant parse(char[] chars, int offset, int length) {
        return parse(chars, offset, length, false);
    }

    /**
     * As {@link #parse(char[], int, int)}, but a date-time without an offset ({@code 2025-11-10T12:00:00.123456},
     * what Python's {@code datetime.utcnow().isoformat()} writes) is taken as UTC: the same result as
     * {@code OffsetDateTime.parse}, else {@code LocalDateTime.parse(...).toInstant(UTC)}, of the text with a blank
     * for {@code T}.
     */
    public static Instant parseAssumingUtc(char[] chars, int offset, int length) {
        return parse(chars, offset, length, true);
    }

    private static Instant parse(char[] chars, int offset, int length, boolean localAsUtc) {
        int start = offset;
        int end = offset + length;
        while (start < end && chars[start] <= ' ') {
            start++;
        }
        while (end > start && chars[end - 1] <= ' ') {
            end--;
        }
        if (end - start < 19 || end - start > MAX_LENGTH) {
            return end == start || end - start > MAX_LENGTH ? null : slow(chars, start, end, localAsUtc);
        }
        Instant fast = fast(chars, start, end, localAsUtc);
        return fast != null ? fast : slow(chars, start, end, localAsUtc);
    }

    /**
     * {@code yyyy-MM-dd[T ]HH:mm:ss[.f{1,9}](Z|±HH:MM)} (the offset optional when {@code localAsUtc}), or null for
     * anything else (the slow path decides).
     */
    private static Instant fast(char[] c, int start, int end, boolean localAsUtc) {
        int year = digits(c, start, 4);
        int month = digits(c, start + 5, 2);
        int day = digits(c, start + 8, 2);
        int hour = digits(c, start + 11, 2);
        int minute = digits(c, start + 14, 2);
        int second = digits(c, start + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || c[start + 4] != '-' || c[start + 7] != '-'
                || (c[start + 10] != 'T' && c[start + 10] != ' ') || c[start + 13] != ':' || c[start + 16] != ':') {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int i = start + 19;
        int nanos = 0;
        if (i < end && c[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                if (++digits > 9) {
                    return null;
                }
                nanos = nanos * 10 + (c[i] - '0');
                i++;
            }
            if (digits == 0) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == end && localAsUtc) {
            offsetSeconds = 0;
        } else if (i == end - 1 && c[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
            int offsetHours = digits(c, i + 1, 2);
            int offsetMinutes = digits(c, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 18 || offsetMinutes > 59
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (c[i] == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static Instant slow(char[] chars, int start, int end, boolean localAsUtc) {
        String text = new String(chars, start, end - start).replace(' ', 'T');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            if (!localAsUtc) {
                return null;
            }
        }
        try {
            return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(char[] c, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char d = c[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            value = value * 10 + (d - '0');
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}

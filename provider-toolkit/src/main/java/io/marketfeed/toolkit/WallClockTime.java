package io.marketfeed.toolkit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * A date-time as servers write it: ISO-8601 with an offset or {@code Z}, or a wall-clock time without one, taken
 * in a zone the provider knows (a REST API's UTC times, Python's naive {@code datetime.isoformat()}, an exchange's
 * local time); a blank may stand for {@code T}. The rule is {@code java.time}'s, on the text stripped as
 * {@link String#strip} strips it, with a blank for {@code T}: {@code OffsetDateTime.parse(text).toInstant()}, else
 * {@code LocalDateTime.parse(text).atZone(zone).toInstant()}; null for anything else, for blank text and for text
 * longer than {@value #MAX_LENGTH} characters.
 *
 * <p>The usual shapes are read without {@code java.time}'s formatters through {@link IsoInstant}, allocating only
 * the {@code Instant} in UTC or a zone of fixed offset (a zone with daylight saving time takes a
 * {@code LocalDateTime} for a time without offset). Stateless and thread safe.
 */
public final class WallClockTime {

    /** Longer text (blanks around it dropped) is no time. */
    public static final int MAX_LENGTH = 64;

    private WallClockTime() {
    }

    /** The instant {@code text} spells, a time without offset taken in {@code zone}; null when none. Allocates. */
    public static Instant parse(CharSequence text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        char[] chars = text.toString().toCharArray();
        return parse(chars, 0, chars.length, zone);
    }

    /** The instant written in {@code chars[offset, offset + length)}, a time without offset taken in {@code zone}. */
    public static Instant parse(char[] chars, int offset, int length, ZoneId zone) {
        int start = offset;
        int end = offset + length;
        start = Blanks.skipLeading(chars, start, end);
        end = Blanks.skipTrailing(chars, start, end);
        if (start == end || end - start > MAX_LENGTH || chars[start] <= ' ' || chars[end - 1] <= ' ') {
            // A control character that is no white space at either end: java.time reads no time with it, and
            // IsoInstant would drop it.
            return null;
        }
        Instant utc = IsoInstant.parseAssumingUtc(chars, start, end - start);
        if (utc == null || zone.equals(ZoneOffset.UTC) || hasOffset(chars, start, end)) {
            return utc;
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return utc.minusSeconds(rules.getOffset(utc).getTotalSeconds());
        }
        return LocalDateTime.ofEpochSecond(utc.getEpochSecond(), utc.getNano(), ZoneOffset.UTC).atZone(zone)
                .toInstant();
    }

    /**
     * Whether a date-time that was read carries an offset: a {@code Z}, {@code +} or {@code -} after the date's
     * end (the first {@code T} or blank), where a local time has only digits, {@code :} and {@code .}.
     */
    private static boolean hasOffset(char[] chars, int start, int end) {
        int i = start;
        while (i < end && chars[i] != 'T' && chars[i] != 't' && chars[i] != ' ') {
            i++;
        }
        for (; i < end; i++) {
            char c = chars[i];
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.toolkit.IsoInstant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The Screener's timestamps, read from characters without {@code java.time}'s formatter on the usual shapes: the
 * server's {@code datetime.utcnow().isoformat()} (naive, taken as UTC, e.g. {@code 2025-11-10T12:00:00.123456},
 * a blank allowed for {@code T}), the docs' {@code ...Z} and any offset, all through
 * {@link IsoInstant#parseAssumingUtc}. Text with control characters at its ends goes through
 * {@link #parse(String)}, the reference: the result is the same for every input. Stateless and thread safe.
 */
final class ScreenerTime {

    /** Longer time text is not a Screener value. */
    static final int MAX_LENGTH = 64;

    private ScreenerTime() {
    }

    /**
     * The reference: trimmed ({@link String#strip()}), blanks for {@code T}, an ISO-8601 date-time with an offset,
     * else a local one taken as UTC; null when absent, blank, longer than {@value #MAX_LENGTH} or neither.
     */
    static Instant parse(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return local(iso);
        }
    }

    /** As {@link #parse(String)}, for {@code chars[offset, offset + length)}; allocates only the instant. */
    static Instant parse(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        if (start == end || end - start > MAX_LENGTH) {
            return null;
        }
        if (chars[start] > ' ' && chars[end - 1] > ' ') {
            // IsoInstant trims nothing more here, and equals the reference for every input.
            return IsoInstant.parseAssumingUtc(chars, start, end - start);
        }
        return parse(new String(chars, start, end - start));
    }

    private static Instant local(String iso) {
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

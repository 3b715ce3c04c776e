package io.marketfeed.sink.json;

import java.time.Instant;

/**
 * Values as the text a store keeps: instants exactly as {@link Instant#toString()} writes them and compact
 * decimals as {@link java.math.BigDecimal#toPlainString()} would, without going through either (the date and
 * time of the latest seconds are reused, no {@code BigDecimal} is made). The same text as the jsonl output.
 *
 * <p>Not thread safe: one per writer thread.
 */
public final class ValueText {

    private final JsonBytes bytes = new JsonBytes();

    /** {@code instant.toString()}. */
    public String instant(Instant instant) {
        bytes.reset();
        bytes.instant(instant);
        return bytes.ascii(bytes.size() - 1); // without the closing quote
    }

    /** {@code BigDecimal.valueOf(unscaled, scale).toPlainString()}. */
    public String plain(long unscaled, int scale) {
        bytes.reset();
        bytes.plain(unscaled, scale);
        return bytes.ascii(bytes.size());
    }
}

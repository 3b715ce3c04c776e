package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestIsoInstant {

    private static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text.strip().replace(' ', 'T')).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void assertSameAsJavaTime(String text) {
        assertEquals(reference(text), IsoInstant.parse(text), "'" + text + "'");
    }

    @Test
    void theShapesProvidersSend() {
        for (String text : List.of("2026-02-10T12:19:22+00:00", "2026-02-10T12:19:22Z", "2026-02-10T12:19:22.5Z",
                "2026-02-10T12:19:22.123456+03:00", "2026-02-10 12:19:22.123456789-05:30", " 2026-02-10T12:19:22Z ",
                "2024-02-29T00:00:00Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2026-02-10T12:19:22+18:00", "2026-02-10T12:19:22-18:00")) {
            assertSameAsJavaTime(text);
        }
    }

    @Test
    void everythingElseAsJavaTimeSaysToo() {
        for (String text : List.of("2026-02-10T12:19Z", "2026-02-10T12:19:22+0300", "2026-02-10T12:19:22+03",
                "2026-02-10t12:19:22z", "2026-02-30T12:19:22Z", "2023-02-29T00:00:00Z", "2026-13-10T12:19:22Z",
                "2026-02-10T24:00:00Z", "2026-02-10T12:60:00Z", "2026-02-10T12:19:60Z", "2026-02-10T12:19:22.Z",
                "2026-02-10T12:19:22.1234567890Z", "2026-02-10T12:19:22+18:01", "2026-02-10T12:19:22+03:00:30",
                "2026-02-10T12:19:22", "2026-02-10", "1707567562", "", "garbage garbage garbage", "+12026-02-10T12:19:22Z",
                "2026-02-10T12:19:22+03:60", "2026-02-10T12:19:22Z[UTC]", "2026-02-10X12:19:22Z")) {
            assertSameAsJavaTime(text);
        }
    }

    private static Instant referenceAssumingUtc(String text) {
        String iso = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            try {
                return java.time.LocalDateTime.parse(iso).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    @Test
    void withoutAnOffsetUtcCanBeAssumed() {
        for (String text : List.of("2025-11-10T12:00:00.123456", "2025-11-10T12:00:00", "2025-11-10T12:00",
                "2025-11-10T12:00:00.", "2025-11-10T12:00:00.1234567890", "2025-11-10T24:00:00", "2025-02-29T00:00:00",
                "2024-02-29T00:00:00", "2025-11-10T12:00:00Z", "2025-11-10 12:00:00.5+03:00", " 2025-11-10T12:00:00 ",
                "2025-11-10T12:00:60", "2025-13-10T12:00:00", "t", "", "2025-11-10t12:00:00", "2025-11-10 12:00:00.5")) {
            char[] chars = text.toCharArray();
            assertEquals(referenceAssumingUtc(text), IsoInstant.parseAssumingUtc(chars, 0, chars.length), text);
            assertEquals(reference(text), IsoInstant.parse(chars, 0, chars.length), text);
        }
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            java.time.LocalDateTime time = java.time.LocalDateTime.ofEpochSecond(random.nextInt(2_000_000_000),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000), java.time.ZoneOffset.UTC);
            char[] chars = time.toString().toCharArray();
            assertEquals(time.toInstant(java.time.ZoneOffset.UTC), IsoInstant.parseAssumingUtc(chars, 0, chars.length));
        }
    }

    @Test
    void randomInstantsReadExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong() % 253_402_300_799L;
            if (second < -62_135_596_800L) {
                second = -second % 253_402_300_799L;
            }
            int nano = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            int offsetMinutes = random.nextInt(4) == 0 ? 0 : (random.nextInt(36 * 60 + 1) - 18 * 60);
            OffsetDateTime time = Instant.ofEpochSecond(second, nano)
                    .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            String text = time.toString();
            if (time.getYear() > 9999 || time.getYear() < 1) {
                continue;
            }
            assertEquals(Instant.ofEpochSecond(second, nano), IsoInstant.parse(text), text);
            assertSameAsJavaTime(text.replace('T', ' '));
        }
    }
}

package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link WallClockTime} gives what {@code java.time} gives, in UTC, a fixed offset and zones with DST. */
class TestWallClockTime {

    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneOffset.ofHours(3),
            ZoneOffset.ofHoursMinutes(-5, -30), ZoneId.of("Asia/Riyadh"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"));

    /** The rule as the class states it, with {@code java.time} only. */
    private static Instant reference(String raw, ZoneId zone) {
        String text = raw.strip();
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    private static void assertAsJavaTime(String text) {
        assertAsJavaTime(text, ZONES);
    }

    private static void assertAsJavaTime(String text, List<ZoneId> zones) {
        for (ZoneId zone : zones) {
            assertEquals(reference(text, zone), WallClockTime.parse(text, zone), () -> "'" + text + "' in " + zone);
        }
    }

    @Test
    void theShapesServersSend() {
        for (String text : List.of("2026-02-10T09:18:00Z", "2026-02-10T09:18:00.000Z", "2026-02-10T11:18:00+02:00",
                "2026-02-10 09:18:00", "2026-02-10T09:18:00.123456", "2025-11-10T12:00:00.123456789",
                "\t2026-02-10 09:18:00\n", "2024-02-29 00:00:00", "0000-01-01T00:00:00", "9999-12-31 23:59:59.9",
                "2026-03-29T02:30:00", "2026-10-25 02:30:00", "2026-03-08T02:30:00", "2026-11-01T01:30:00",
                "1969-12-31T23:59:59-00:30", "+12026-02-10T09:18:00", "-0001-02-10T09:18:00Z")) {
            assertAsJavaTime(text);
        }
    }

    @Test
    void everythingElseAsJavaTimeSaysToo() {
        for (String text : List.of("", " ", "\u2003", "yesterday", "2026-02-10T09:18", "2026-02-10t09:18:00",
                "2026-02-10t09:18:00z", "2026-02-10T09:18:00.", "2026-02-10T09:18:00.1234567890", "2026-02-30 09:18",
                "2026-02-10 24:00:00", "2026-02-10  09:18:00", "2026-02-10 09:18:00Z", "2026-02-10 09:18:00+0200",
                "2026-02-10 09:18:00+02", "2026-02-10T09:18:00\u0000", "\u00012026-02-10T09:18:00",
                "\u001c2026-02-10T09:18:00\u001f", "2026-02-10", "12:00:00", "1770715080",
                "2026-02-10T09:18:00.000Z" + " ".repeat(50), "2026-02-10T09:18:00.00000000000000000000000000000000000"
                        + "00000000000000000Z", "2026-02-10T09:18:00[Europe/Berlin]")) {
            assertAsJavaTime(text);
        }
    }

    @Test
    void randomTimesAndTheirMutations() {
        Random random = new Random(17);
        String alphabet = "0123456789-:.TtZz +\u0000\t";
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(3), ZoneId.of("Europe/Berlin"));
        for (int i = 0; i < 1_000; i++) {
            long second = (random.nextLong() & Long.MAX_VALUE) % 253_402_300_799L;
            int nano = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000);
            LocalDateTime local = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
            List<String> shapes = new ArrayList<>(List.of(local.toString(), local.toString().replace('T', ' '),
                    local + "Z", local.atOffset(ZoneOffset.ofHours(random.nextInt(37) - 18)).toString()));
            for (String shape : shapes) {
                assertAsJavaTime(shape, zones);
                char[] mutated = shape.toCharArray();
                mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                assertAsJavaTime(new String(mutated), zones);
            }
        }
    }

    @Test
    void aRangeOfCharactersIsReadInPlace() {
        char[] chars = "xx 2026-02-10 09:18:00 yy".toCharArray();
        assertEquals(Instant.parse("2026-02-10T06:18:00Z"),
                WallClockTime.parse(chars, 2, 20, ZoneId.of("Asia/Riyadh")));
        assertEquals(null, WallClockTime.parse(null, ZoneOffset.UTC));
    }
}

package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.Frames.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.toolkit.EpochTime;
import io.marketfeed.toolkit.ExactDecimal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TickAtlas's time rules read without formatters give what the formatters gave: every case is compared with the
 * rules as first written ({@link #reference}, copied from the decoder before it was made allocation-free).
 */
class TestTickAtlasTime {

    /** The decoder's time rules before the fast readers, verbatim. */
    private static Instant reference(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0 && text.indexOf(':') < 0) {
            try {
                BigDecimal value = new BigDecimal(text);
                if (value.signum() <= 0 || value.precision() - value.scale() > 16) {
                    return null;
                }
                if (value.compareTo(BigDecimal.valueOf(100_000_000_000L)) >= 0) {
                    return Instant.ofEpochMilli(value.longValue());
                }
                long seconds = value.longValue();
                long nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
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

    /** The time {@code text} spells by TickAtlas's rules, or null. */
    static Instant parse(String text) {
        return text == null ? null : TickAtlasTime.parse(text.toCharArray(), 0, text.length(), new ExactDecimal());
    }

    private static void assertAsBefore(String text) {
        assertEquals(reference(text), parse(text), () -> "'" + text + "'");
    }

    @Test
    void theShapesTickAtlasSends() {
        for (String text : List.of("2026-02-10T09:18:00Z", "2026-02-10T09:18:00.000Z", "2026-02-10T11:18:00+02:00",
                "2026-02-10 09:18:00", "2026-02-10T09:18:00.000", "2026-02-10T09:18:00.123456789", "1770715080",
                "1770715080000", "1770715080.5", "1770715080.123456789", "1770715080.1234567891234",
                "1770715080000.9", " 1770715080 ", "\t2026-02-10 09:18:00\n", "2024-02-29 00:00:00",
                "0000-01-01T00:00:00", "9999-12-31 23:59:59.999999999", "1969-12-31T23:59:59")) {
            assertAsBefore(text);
        }
    }

    @Test
    void oddTextAsBefore() {
        for (String text : List.of("", " ", "yesterday", "0", "00", "0.0", "-1770715080", "+1770715080", ".5",
                "1770715080.", "1e9", "1.7707e9", "1E+9", "1e-5", "1e65", "1e16", "9999999999999999",
                "10000000000000000", "99999999999.999", "100000000000", "99999999999", "0.000000000000000000001",
                "0.0000000001", "1770715080\u0000", "\u00011770715080", "\u2003 1770715080\u2003",
                "\u0661\u0667\u0667\u0660\u0667\u0661\u0665\u0660\u0668\u0660", "17707 15080", "1,770,715,080",
                "2026-02-10T09:18", "2026-02-10T09:18:00.", "2026-02-10T09:18:00.1234567890", "2026-02-10t09:18:00",
                "2026-02-30 09:18:00", "2023-02-29T00:00:00", "2026-13-10 09:18:00", "2026-02-10 24:00:00",
                "2026-02-10 23:60:00", "2026-02-10 23:59:60", "2026-02-10  09:18:00", "2026-02-10 09:18:00 ",
                "2026-02-10 09:18:00Z", "2026-02-10 09:18:00+0200", "+2026-02-10T09:18:00", "2026-2-10T09:18:00",
                "2026-02-10T09:18:00.5Z\u0000", "2026-02-10T09:18:00\u0000", "12:00:00", "2026-02-10",
                "1".repeat(65), " ".repeat(100) + "1770715080", "2026-02-10T09:18:00.000Z" + " ".repeat(50),
                "2026-02-10T09:18:00.000000000000000000000000000000000000000000000000000Z", "NaN", "Infinity",
                "true", "1770715080e0", "17707150800e-1", "0x1A")) {
            assertAsBefore(text);
        }
    }

    @Test
    void randomEpochNumbersAsBefore() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long whole = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(2_000_000_000);
                case 1 -> 1_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 2_000_000_000_000L;
                case 2 -> (random.nextLong() & Long.MAX_VALUE) % 100_000_000_000_000_000L;
                default -> random.nextInt(1000);
            };
            StringBuilder text = new StringBuilder().append(whole);
            if (random.nextBoolean()) {
                text.append('.');
                int digits = random.nextInt(14);
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(8) == 0) {
                text.append(random.nextBoolean() ? "e" : "E").append(random.nextInt(3) == 0 ? "+" : "")
                        .append(random.nextInt(12));
            }
            assertAsBefore(text.toString());
        }
    }

    /**
     * Why TickAtlasTime hands the numbers it reads (no {@code -}) below 10^11 to the toolkit's {@link EpochTime}
     * and no others: below, the two rules agree for every number (whole, with a fraction of any length, with an
     * exponent, at the bound); from 10^11 on they part (EpochTime keeps a fraction of a millisecond and reads 15 and
     * 16 digits as microseconds).
     */
    @Test
    void belowTenToTheElevenEpochTimeIsTickAtlasRule() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>(List.of("1", "0.000000001", "0.0000000009", "99999999999",
                "99999999999.999999999", "99999999999.99999999999999999999", "1770715080.1234567891234", "1e9",
                "1.7707e9", "9.9999999999e10", "0.000000000000000000001", "1770715080e0", "17707150800e+0"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder().append((random.nextLong() & Long.MAX_VALUE)
                    % (random.nextBoolean() ? 100_000_000_000L : 2_000_000_000L));
            if (random.nextBoolean()) {
                text.append('.');
                for (int d = random.nextInt(25); d > 0; d--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertEquals(reference(text), EpochTime.parse(text), text);
            assertAsBefore(text);
        }
        for (String text : List.of("100000000000.5", "1770715080000.9", "177071508000000", "1770715080000000")) {
            assertNotEquals(reference(text), EpochTime.parse(text), text);
            assertAsBefore(text);
        }
    }

    @Test
    void randomTimesAndTheirMutationsAsBefore() {
        Random random = new Random(13);
        String alphabet = "0123456789-:.TtZz +\u0000\t";
        for (int i = 0; i < 5_000; i++) {
            long second = (random.nextLong() & Long.MAX_VALUE) % 253_402_300_799L;
            int nano = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000);
            LocalDateTime local = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
            List<String> shapes = new ArrayList<>(List.of(local.toString(), local.toString().replace('T', ' '),
                    local.toString() + "Z", local.atOffset(ZoneOffset.ofHours(random.nextInt(37) - 18)).toString()));
            for (String shape : shapes) {
                assertAsBefore(shape);
                char[] mutated = shape.toCharArray();
                mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                assertAsBefore(new String(mutated));
            }
        }
    }

    @Test
    void theDecoderReadsEachFramesOwnTime() {
        TickAtlasSession session = TestTickAtlasCodec.session(5);
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        List<String> times = List.of("\"2026-02-10T09:18:00.000Z\"", "\"2026-02-10T09:18:00.000Z\"",
                "\"2026-02-10T09:19:00.000Z\"", "\"2026-02-10T09:19:00.000+01:00\"", "1770715080", "1770715140",
                "\"2026-02-10 09:20:00\"", "null", "\"2026-02-10T09:21:00Z\"", "\"not a time\"", "true",
                "{\"nested\":1}", "\"2026-02-10T09:21:00Z\"");
        for (String time : times) {
            out.clear();
            session.decode(Frames.json("{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"time\":" + time
                    + ",\"open\":1.1,\"high\":1.2,\"low\":1.0,\"close\":1.1,\"bid\":1.1,\"ask\":1.2}}"), out);
            Instant expected = time.startsWith("\"") ? reference(time.substring(1, time.length() - 1))
                    : time.equals("null") || time.equals("true") || time.startsWith("{") ? null : reference(time);
            assertEquals(expected, out.events(Quote.class).get(0).time(), time);
            List<Candle> candles = out.events(Candle.class);
            assertEquals(expected, candles.isEmpty() ? null : candles.get(0).openTime(), time);
            assertEquals(RECEIVED_AT, out.events(Quote.class).get(0).receivedAt());
        }
    }

    @Test
    void aQuotesTimestampComesBeforeTheBarTimeAtEitherLevel() {
        TickAtlasSession session = TestTickAtlasCodec.session(5);
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        session.decode(Frames.json("{\"type\":\"quote\",\"timestamp\":\"2026-02-10T09:19:23Z\",\"time\":1770715020,"
                + "\"data\":{\"symbol\":\"EURUSD\",\"time\":1770715080,\"open\":1.1,\"high\":1.2,\"low\":1.0,"
                + "\"close\":1.1,\"bid\":1.1}}"), out);
        assertEquals(Instant.parse("2026-02-10T09:19:23Z"), out.events(Quote.class).get(0).time());
        assertEquals(Instant.parse("2026-02-10T09:18:00Z"), out.events(Candle.class).get(0).openTime());
        out.clear();
        session.decode(Frames.json("{\"type\":\"quote\",\"time\":1770715020,\"data\":{\"symbol\":\"EURUSD\","
                + "\"timestamp\":\"nonsense\",\"open\":1.1,\"high\":1.2,\"low\":1.0,\"close\":1.1,\"bid\":1.1}}"), out);
        assertEquals(Instant.parse("2026-02-10T09:17:00Z"), out.events(Quote.class).get(0).time(),
                "an unreadable timestamp falls back to the top level's bar time");
        assertEquals(Instant.parse("2026-02-10T09:17:00Z"), out.events(Candle.class).get(0).openTime());
    }
}

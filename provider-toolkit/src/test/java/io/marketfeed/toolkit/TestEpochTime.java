package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EpochTime}'s {@code long} arithmetic against the rule computed with {@code BigDecimal} for every value
 * (the way AllTick's {@code tick_time} was read before the fast path), at the bounds of each unit and at random.
 */
class TestEpochTime {

    /** The rule with BigDecimal for every value, after ExactDecimal's limits (64 characters, 10^±64). */
    private static Instant reference(String text) {
        String value = text == null ? null : text.strip();
        if (value == null || value.isEmpty() || value.length() > 64) {
            return null;
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Math.abs(decimal.scale()) > 64 || decimal.signum() <= 0) {
            return null;
        }
        BigDecimal nanos;
        if (decimal.compareTo(new BigDecimal("1e11")) < 0) {
            nanos = decimal.movePointRight(9);
        } else if (decimal.compareTo(new BigDecimal("1e14")) < 0) {
            nanos = decimal.movePointRight(6);
        } else if (decimal.compareTo(new BigDecimal("1e17")) < 0) {
            nanos = decimal.movePointRight(3);
        } else {
            nanos = decimal;
        }
        BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    @Test
    void eachUnitIsToldByMagnitude() {
        assertEquals(Instant.ofEpochSecond(1_605_509_068L), EpochTime.parse("1605509068"));
        assertEquals(Instant.ofEpochSecond(1_605_509_068L, 500_000_000), EpochTime.parse("1605509068.5"));
        assertEquals(Instant.parse("2023-03-03T08:19:05.500Z"), EpochTime.parse("1677831545.5"));
        assertEquals(Instant.ofEpochMilli(1_677_831_545_217L), EpochTime.parse("1677831545217"));
        assertEquals(Instant.ofEpochSecond(1_677_831_545L, 217_123_000), EpochTime.parse("1677831545217123"));
        assertEquals(Instant.ofEpochSecond(1_677_831_545L, 217_123_456), EpochTime.parse("1677831545217123456"));
        assertEquals(Instant.ofEpochSecond(1_677_831_545L, 217_123_456),
                EpochTime.parse("1677831545.2171234569"), "truncated below the nanosecond");
    }

    @Test
    void nothingForWhatIsNoPositiveInstant() {
        for (String text : new String[] {null, "", " ", "0", "-1", "-5", "x", "abc", "soon", "1e999",
                "1e999999", "1" + "0".repeat(40)}) {
            assertNull(EpochTime.parse(text), text);
        }
        assertNull(EpochTime.of((BigDecimal) null));
        assertNull(EpochTime.of(BigDecimal.ZERO));
    }

    @Test
    void atTheBoundsOfEachUnitAsWithBigDecimal() {
        for (String text : List.of("1", "0.000000001", "0.0000000001", "99999999999", "99999999999.999999999999",
                "100000000000", "100000000000.5", "99999999999999", "99999999999999.9999", "100000000000000",
                "99999999999999999", "100000000000000000", "999999999999999999", "9223372036854775807",
                "9223372036854775808", "99999999999999999999", "1677831545217", "1677831545217.123456789",
                "1677831545", "1677831545.123456789123", "0.5", "1E+11", "1.677831545217E12", "1e-9", "1e-10",
                "0", "-1", "-0.5", "00001677831545217", "1677831545217.000", "+1677831545217", " 1677831545217 ",
                "1677831545217123456.7", "1" + "0".repeat(40), "0." + "0".repeat(20) + "1")) {
            assertEquals(reference(text), EpochTime.parse(text), text);
        }
    }

    @Test
    void randomDecimalsAsWithBigDecimal() {
        Random random = new Random(22998);
        for (int i = 0; i < 100_000; i++) {
            String text = randomDecimal(random);
            assertEquals(reference(text), EpochTime.parse(text), text);
        }
    }

    @Test
    void theBigDecimalRuleOnItsOwn() {
        assertEquals(Instant.ofEpochMilli(1_677_831_545_217L), EpochTime.of(new BigDecimal("1677831545217")));
        assertEquals(Instant.ofEpochSecond(1_677_831_545L, 217_123_456),
                EpochTime.of(new BigDecimal("1677831545217123456")));
        assertNull(EpochTime.of(new BigDecimal("1e40")), "beyond Instant's range");
    }

    private static String randomDecimal(Random random) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(20) == 0) {
            text.append(random.nextBoolean() ? '-' : '+');
        }
        int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 22 : 19);
        int point = random.nextInt(3) == 0 ? random.nextInt(digits + 1) : -1;
        for (int d = 0; d < digits; d++) {
            if (d == point) {
                text.append('.');
            }
            text.append((char) ('0' + (d == 0 && random.nextInt(10) > 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        if (random.nextInt(30) == 0) {
            text.append('e').append(random.nextInt(41) - 20);
        }
        return text.toString();
    }
}

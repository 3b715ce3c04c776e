package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestExactDecimal {

    private final ExactDecimal decimal = new ExactDecimal();

    /** What the decoder reads must be exactly what {@code new BigDecimal(text.strip())} reads. */
    private void assertSameAsBigDecimal(String text) {
        BigDecimal expected;
        try {
            expected = new BigDecimal(text.strip());
            if (Math.abs(expected.scale()) > ExactDecimal.MAX_LENGTH) {
                expected = null;
            }
        } catch (NumberFormatException e) {
            expected = null;
        }
        if (text.strip().length() > ExactDecimal.MAX_LENGTH) {
            expected = null;
        }
        boolean read = decimal.parse(text);
        if (expected == null) {
            assertFalse(read, "'" + text + "' is no decimal");
            return;
        }
        assertTrue(read, "'" + text + "'");
        assertEquals(expected, decimal.value(), "'" + text + "' (scale kept)");
        if (decimal.isCompact()) {
            assertEquals(expected, BigDecimal.valueOf(decimal.unscaled(), decimal.scale()), text);
        }
    }

    @Test
    void theShapesMarketDataHas() {
        for (String text : List.of("32.50", "-0.10", "0.7", "1200300", "651.12", "0", "-0", "0.00", "-0.00",
                "+1.5", "007.25", ".5", "5.", " 32.50 ", "999999999999999999", "1000000000000000000",
                "-999999999999999999.5", "0.00000012", "123456789012345678901234567890.5")) {
            assertSameAsBigDecimal(text);
        }
    }

    @Test
    void otherNotationsGoThroughBigDecimal() {
        for (String text : List.of("1e5", "1.5E-3", "-2E+3", "1e100", "1e-100", "1e64", "1e65", "NaN", "Infinity",
                "", " ", "-", ".", "1.2.3", "12a", "0x10", "--1", "1,5", "1 5", "\u0661")) {
            assertSameAsBigDecimal(text);
        }
        // Text made only of the characters a number has, but not of its form: refused like BigDecimal refuses it.
        for (String text : List.of("+", "e", "E5", "-.", ".e1", "1e", "1e+", "1e-", "1e5e5", "1-", "1+2", "+-1",
                "1.5.", "1e1.5", "e-", "..", "\u0661.\u0662e\u0663", "-\u0661")) {
            assertSameAsBigDecimal(text);
        }
        assertFalse(decimal.parse("9".repeat(65)), "longer than the limit");
    }

    @Test
    void randomDecimalsReadExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('-');
            }
            int digits = 1 + random.nextInt(22);
            for (int d = 0; d < digits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                text.append('.');
                int fraction = random.nextInt(12);
                for (int d = 0; d < fraction; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(10) == 0) {
                text.append('e').append(random.nextInt(200) - 100);
            }
            assertSameAsBigDecimal(text.toString());
        }
    }

    @Test
    void intoAQuoteWithoutLosingTheScale() {
        Quote.Builder quote = Quote.builder("p", "S", Instant.EPOCH);
        assertTrue(decimal.parse("32.50"));
        decimal.into(quote, Quote.Field.PRICE);
        assertFalse(decimal.parse("1e70"), "beyond 10^64: refused");
        assertFalse(decimal.parse("1e70x"));
        assertTrue(decimal.parse("123456789012345678901234567890.5"));
        decimal.into(quote, Quote.Field.VOLUME);
        Quote built = quote.build();
        assertEquals(new BigDecimal("32.50"), built.price());
        assertEquals(new BigDecimal("123456789012345678901234567890.5"), built.volume());
        assertFalse(built.isCompact(Quote.Field.VOLUME.ordinal()));
    }
}

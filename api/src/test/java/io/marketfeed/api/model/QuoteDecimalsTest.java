package io.marketfeed.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A quote keeps every decimal exactly as received, however it was built (the compact fast path, a
 * {@code BigDecimal}, or a value too large to pack), and a reused builder forgets everything between quotes.
 */
class QuoteDecimalsTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant TIME = Instant.parse("2026-03-02T09:59:59Z");

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    /** Ten different values, each with its own scale, so that a field read from another field's slot shows. */
    private static Quote everyField() {
        return new Quote("sahmk", "2222", d("32.5"), d("-0.25"), d("0.771"), d("1200"), d("32.40"), d("32.60"),
                d("31.0000"), d("33.00001"), d("30.123456"), d("31.7500000"), TIME, AT);
    }

    @Test
    void eachAccessorReturnsTheValueGivenForIt() {
        Quote quote = everyField();
        assertEquals("sahmk", quote.provider());
        assertEquals("2222", quote.symbol());
        assertEquals(d("32.5"), quote.price());
        assertEquals(d("-0.25"), quote.change());
        assertEquals(d("0.771"), quote.changePercent());
        assertEquals(d("1200"), quote.volume());
        assertEquals(d("32.40"), quote.bid());
        assertEquals(d("32.60"), quote.ask());
        assertEquals(d("31.0000"), quote.open());
        assertEquals(d("33.00001"), quote.high());
        assertEquals(d("30.123456"), quote.low());
        assertEquals(d("31.7500000"), quote.previousClose());
        assertEquals(TIME, quote.time());
        assertEquals(AT, quote.receivedAt());
        assertEquals("quote", quote.type());
        assertEquals(Topics.QUOTES, quote.topic());
        for (Quote.Field field : Quote.Field.values()) {
            assertEquals(quote.decimal(field.ordinal()), quote.get(field), field.name());
            assertEquals(field.accessor(), quote.decimalName(field.ordinal()));
        }
        assertEquals(10, quote.decimalCount());
        assertEquals("previousClose", quote.decimalName(9));
        assertEquals("changePercent", Quote.Field.CHANGE_PERCENT.accessor());
    }

    @Test
    void sinksReadTheCompactFormWithoutAllocating() {
        Quote quote = everyField();
        assertTrue(quote.isCompact(0));
        assertEquals(325, quote.unscaled(0));
        assertEquals(1, quote.scale(0));
        assertEquals(317500000L, quote.unscaled(9));
        assertEquals(7, quote.scale(9));
        assertEquals(-25, quote.unscaled(1));
        assertEquals(2, quote.scale(1));
    }

    @Test
    void absentFieldsAreNullAndNotCompact() {
        Quote quote = Quote.builder("p", "S", AT).bid(d("1.5")).build();
        assertNull(quote.price());
        assertNull(quote.time());
        assertFalse(quote.hasDecimal(0));
        assertFalse(quote.isCompact(0));
        assertEquals(0, quote.scale(0));
        assertTrue(quote.hasDecimal(4));
        for (int field = 5; field < 10; field++) {
            assertFalse(quote.hasDecimal(field), "field " + field);
            assertNull(quote.decimal(field));
        }
    }

    @Test
    void valuesTooLargeOrTooFineToPackAreKeptExactly() {
        BigDecimal huge = new BigDecimal(BigInteger.ONE.shiftLeft(80), 3);
        BigDecimal tooFine = BigDecimal.valueOf(7, 62);
        BigDecimal negativeScale = BigDecimal.valueOf(5, -3);
        Quote quote = Quote.builder("p", "S", AT).price(huge).volume(tooFine).high(negativeScale).build();
        assertEquals(huge, quote.price());
        assertEquals(tooFine, quote.volume());
        assertEquals(negativeScale, quote.high());
        assertTrue(quote.hasDecimal(0));
        assertFalse(quote.isCompact(0));
        assertEquals(0, quote.scale(0), "a value kept whole has no compact scale");
        assertFalse(quote.isCompact(3));
        assertFalse(quote.isCompact(7));
    }

    @Test
    void theLargestCompactValuesStayCompact() {
        BigDecimal finest = BigDecimal.valueOf(7, 61);
        BigDecimal largest = BigDecimal.valueOf(Long.MAX_VALUE, 2);
        BigDecimal smallest = BigDecimal.valueOf(Long.MIN_VALUE, 0);
        BigDecimal oneTooLarge = new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), 2);
        Quote quote = Quote.builder("p", "S", AT).price(finest).bid(largest).ask(smallest).low(oneTooLarge).build();
        assertTrue(quote.isCompact(0));
        assertEquals(61, quote.scale(0));
        assertTrue(quote.isCompact(4));
        assertEquals(Long.MAX_VALUE, quote.unscaled(4));
        assertTrue(quote.isCompact(5));
        assertFalse(quote.isCompact(8));
        assertEquals(oneTooLarge, quote.low());
    }

    @Test
    void theFastPathAndABigDecimalGiveEqualQuotes() {
        Quote fast = Quote.builder("p", "S", AT).set(Quote.Field.PRICE, 3250, 2).set(Quote.Field.ASK, 1, 0).build();
        Quote slow = Quote.builder("p", "S", AT).price(d("32.50")).ask(d("1")).build();
        assertEquals(slow, fast);
        assertEquals(slow.hashCode(), fast.hashCode());
        assertNotEquals(Quote.builder("p", "S", AT).price(d("32.5")).ask(d("1")).build(), fast,
                "32.5 and 32.50 differ, as BigDecimal.equals says");
        Quote outsideFastPath = Quote.builder("p", "S", AT).set(Quote.Field.PRICE, 5, -2)
                .set(Quote.Field.BID, 5, 62).build();
        assertEquals(BigDecimal.valueOf(5, -2), outsideFastPath.price());
        assertEquals(BigDecimal.valueOf(5, 62), outsideFastPath.bid());
    }

    @Test
    void overwritingAWholeValueWithACompactOneForgetsTheWholeOne() {
        BigDecimal huge = new BigDecimal(BigInteger.ONE.shiftLeft(70));
        Quote.Builder builder = Quote.builder("p", "S", AT).price(huge).bid(huge);
        builder.price(d("1.25"));
        builder.set(Quote.Field.BID, 3, 0);
        Quote quote = builder.build();
        assertEquals(d("1.25"), quote.price());
        assertEquals(d("3"), quote.bid());
        Quote plain = Quote.builder("p", "S", AT).price(d("1.25")).bid(d("3")).build();
        assertEquals(plain, quote, "no trace of the values overwritten");
        assertEquals(plain.hashCode(), quote.hashCode());
        builder.bid(null).price(huge);
        builder.price(null);
        assertEquals(Quote.builder("p", "S", AT).build(), builder.build(), "null makes a field absent");
    }

    @Test
    void aReusedBuilderForgetsTheLastQuoteButKeepsTheProvider() {
        Quote.Builder builder = Quote.builder("alltick");
        Quote first = builder.symbol("AAPL.US").receivedAt(AT).price(new BigDecimal(BigInteger.TEN.pow(30)))
                .bid(d("1.5")).time(TIME).build();
        assertTrue(builder.has(Quote.Field.BID));
        assertSame(builder, builder.clear());
        assertFalse(builder.has(Quote.Field.BID));
        assertFalse(builder.has(Quote.Field.PRICE));
        assertThrows(NullPointerException.class, builder::build, "the symbol is forgotten too");
        Quote second = builder.symbol("EURUSD").receivedAt(AT).ask(d("1.08")).build();
        assertEquals("alltick", second.provider());
        assertNull(second.price());
        assertNull(second.bid());
        assertNull(second.time());
        assertEquals(Quote.builder("alltick", "EURUSD", AT).ask(d("1.08")).build(), second);
        assertEquals(new BigDecimal(BigInteger.TEN.pow(30)), first.price(), "an earlier quote keeps its values");
        assertEquals(d("1.5"), first.bid());
    }

    @Test
    void quotesDifferingInAnyComponentAreNotEqual() {
        Quote base = everyField();
        assertEquals(base, everyField());
        assertEquals(base, base);
        assertEquals(base.hashCode(), everyField().hashCode());
        assertNotEquals(base, "a quote");
        assertNotEquals(base, null);
        assertNotEquals(base, new Quote("other", "2222", d("32.5"), d("-0.25"), d("0.771"), d("1200"), d("32.40"),
                d("32.60"), d("31.0000"), d("33.00001"), d("30.123456"), d("31.7500000"), TIME, AT));
        Quote otherSymbol = Quote.builder("sahmk", "1120", AT).build();
        assertNotEquals(Quote.builder("sahmk", "2222", AT).build(), otherSymbol);
        assertNotEquals(Quote.builder("sahmk", "2222", AT).price(d("1")).build(),
                Quote.builder("sahmk", "2222", AT).price(d("2")).build());
        assertNotEquals(Quote.builder("sahmk", "2222", AT).price(d("1")).build().hashCode(),
                Quote.builder("sahmk", "2222", AT).price(d("2")).build().hashCode());
        assertNotEquals(Quote.builder("sahmk", "2222", AT).price(d("1")).build(),
                Quote.builder("sahmk", "2222", AT).bid(d("1")).build());
        BigDecimal huge = new BigDecimal(BigInteger.TEN.pow(25));
        assertNotEquals(Quote.builder("sahmk", "2222", AT).price(huge).build(),
                Quote.builder("sahmk", "2222", AT).price(huge.add(BigDecimal.ONE)).build());
        assertNotEquals(Quote.builder("sahmk", "2222", AT).price(huge).build().hashCode(),
                Quote.builder("sahmk", "2222", AT).price(huge.add(BigDecimal.ONE)).build().hashCode());
        assertNotEquals(Quote.builder("sahmk", "2222", AT).time(TIME).build(),
                Quote.builder("sahmk", "2222", AT).build());
        assertNotEquals(Quote.builder("sahmk", "2222", AT).build(),
                Quote.builder("sahmk", "2222", AT.plusMillis(1)).build());
    }

    @Test
    void toStringNamesEveryField() {
        assertEquals("Quote[provider=sahmk, symbol=2222, price=32.5, change=-0.25, changePercent=0.771, volume=1200,"
                + " bid=32.40, ask=32.60, open=31.0000, high=33.00001, low=30.123456, previousClose=31.7500000,"
                + " time=2026-03-02T09:59:59Z, receivedAt=2026-03-02T10:00:00Z]", everyField().toString());
    }

    @Test
    void providerSymbolAndReceiveTimeAreRequired() {
        assertThrows(NullPointerException.class, () -> Quote.builder(null, "S", AT).build());
        assertThrows(NullPointerException.class, () -> Quote.builder("p", null, AT).build());
        assertThrows(NullPointerException.class, () -> Quote.builder("p", "S", null).build());
    }
}

package com.example.marketfeed.simplejson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.model.Quote;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values that cannot be read exactly are reported, never silent: a trade's {@code px} is required (the trade is
 * dropped), a ticker's {@code bid} optional (the quote is kept without it).
 */
class TestSimplejsonBadValues {

    private static final String BAD = """
            '"NaN"', NaN
            1e100, 1e100
            true, true
            null, null
            '""', ''
            """;

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private void decode(String json) {
        new SimplejsonSession().decode(Frames.json(json), out);
        assertEquals(List.of(), out.problems(), "a bad value is reported as such, not as a problem too");
    }

    @ParameterizedTest(name = "px {0}")
    @CsvSource(textBlock = BAD)
    void aTradeWithABadPriceIsDropped(String json, String sample) {
        decode("{\"topic\":\"trade\",\"data\":{\"symbol\":\"BTC-USD\",\"px\":" + json + ",\"sz\":\"0.5\"}}");
        assertEquals(List.of(BadValue.dropped("px", sample == null ? "" : sample)), out.calls());
    }

    @ParameterizedTest(name = "bid {0}")
    @CsvSource(textBlock = BAD)
    void aTickerWithABadBidIsKeptWithoutIt(String json, String sample) {
        decode("{\"topic\":\"ticker\",\"data\":{\"symbol\":\"BTC-USD\",\"last\":\"64012.50\",\"bid\":" + json + "}}");
        assertEquals(List.of(BadValue.absent("bid", sample == null ? "" : sample)), out.badValues());
        Quote quote = out.events(Quote.class).get(0);
        assertNull(quote.bid());
        assertEquals(new BigDecimal("64012.50"), quote.price());
    }
}

package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import io.marketfeed.toolkit.ExactDecimal;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values with odd blanks, values too long to keep, duplicate keys, sides and batches sent twice, and messages reused
 * from frame to frame: read as every provider reads them, with the toolkit ({@code TextFields}, {@code ExactDecimal},
 * {@code Symbols}), and what it refuses reported as a bad value; each frame as a fresh reader would read it.
 */
class TestScreenerOddValues {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final String EM = "\\u2003";
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ScreenerCodec codec = new ScreenerCodec();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private ScreenerMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    /**
     * A number is read by {@code ExactDecimal}: blanks up to the space (control characters, a NUL) around it are
     * dropped; a Unicode blank (an em space) or a value over 512 characters makes it a bad value.
     */
    @Test
    void numbersAreReadAsTheToolkitReadsThem() throws IOException {
        Quote quote = codec.quote(read("{\"price\":\"" + EM + "70000\",\"change\":\"1.5\\u0000\",\"volume\":\" 12\\t\","
                + "\"change_percent\":\"" + " ".repeat(600) + "2\"}"), "005930", AT, out);
        assertNull(quote.price());
        assertEquals(new BigDecimal("1.5"), quote.change());
        assertEquals(new BigDecimal("12"), quote.volume());
        assertNull(quote.changePercent());
        assertEquals(List.of(BadValue.absent("price", "\u200370000"),
                BadValue.absent("change_percent", "(601 characters)")), out.badValues());
    }

    /** A symbol is interned by {@code Symbols}: without the white space {@code Character.isWhitespace} sees. */
    @Test
    void stockCodesWithoutTheirWhiteSpace() throws IOException {
        assertEquals("005930", codec.stockCode(read("{\"stock_code\":\"" + EM + "005930 " + EM + "\"}")));
        assertEquals("\u00a0005930", codec.stockCode(read("{\"stock_code\":\"\\u00a0005930\"}")),
                "a no-break space is no white space");
    }

    @Test
    void theLastOfDuplicateKeysWinsWhateverItsShape() throws IOException {
        assertEquals("B", read("{\"code\":\"A\",\"code\":\"B\"}").top.text(ScreenerField.CODE));
        ScreenerMessage valueThenNull = read("{\"code\":\"B\",\"code\":null}");
        assertNull(valueThenNull.top.text(ScreenerField.CODE));
        assertTrue(valueThenNull.top.isNull(ScreenerField.CODE), "sent as null: a bad stock code");
        assertTrue(codec.badStockCode(valueThenNull, out));
        assertEquals(List.of(BadValue.dropped("code", "null")), out.badValues());
    }

    @Test
    void aSideSentTwiceIsTheSecond() throws IOException {
        ScreenerMessage message = read("{\"bids\":[{\"price\":\"1\"},{\"price\":\"2\"}],\"bids\":[{\"price\":\"3\"}]}");
        assertEquals(1, message.bids.size());
        ExactDecimal decimal = new ExactDecimal();
        assertTrue(message.bids.get(0).decimal(ScreenerField.PRICE, decimal));
        assertEquals(new BigDecimal("3"), decimal.value());
    }

    @Test
    void eachFrameStartsAfreshEvenWhereItsPartsAreReused() throws IOException {
        read("{\"bids\":[{\"price\":1}],\"asks\":[{\"price\":2}],\"messages\":[{\"stock_code\":\"A\"},"
                + "{\"stock_code\":\"B\"},{\"stock_code\":\"C\"}],\"message\":\"m\",\"details\":{\"max\":1}}");
        ScreenerMessage next = read("{\"messages\":[{\"type\":\"x\"},{\"type\":\"y\"}]}");
        assertEquals(0, next.bids.size());
        assertEquals(0, next.asks.size());
        assertNull(next.text);
        assertNull(next.details);
        assertEquals(2, next.messages().size(), "the third item was the last frame's");
        assertFalse(next.messages().get(0).top.sent(ScreenerField.STOCK_CODE), "a reused batch item is cleared");
    }
}

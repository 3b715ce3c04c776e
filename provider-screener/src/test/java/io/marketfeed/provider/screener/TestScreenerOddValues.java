package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.toolkit.ExactDecimal;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Values with blanks Java's {@code strip} drops but JSON's readers keep (an em space), duplicate keys, sides and
 * batches sent twice, and messages reused from frame to frame: each read exactly as a fresh reader of the frame
 * would read it.
 */
class TestScreenerOddValues {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final String EM = "\\u2003";
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ExactDecimal scratch = new ExactDecimal();

    private ScreenerMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void anOddValueThatIsANumberIsReadAsOne() throws IOException {
        ScreenerMessage message = read("{\"price\":\"" + EM + "70000\",\"volume\":\"" + EM + "12" + EM + "\"}");
        assertEquals(new BigDecimal("70000"), message.decimal(message.top, ScreenerField.PRICE, scratch));
        assertFalse(message.bad(message.top, ScreenerField.PRICE, scratch));
        assertEquals(12, message.whole(message.top, ScreenerField.VOLUME, scratch));
        Quote quote = new ScreenerCodec().quote(message, "005930", AT, new RecordingDecodeOutput());
        assertEquals(new BigDecimal("70000"), quote.price());
        assertEquals(new BigDecimal("12"), quote.volume());
        assertFalse(message.sent(message.top, ScreenerField.CHANGE), "absent is not sent");
        assertTrue(message.sent(message.top, ScreenerField.PRICE));
        assertNull(ScreenerText.clean(null));
    }

    @Test
    void theLastOfDuplicateKeysWinsWhateverItsShape() throws IOException {
        ScreenerMessage oddThenPlain = read("{\"code\":\"" + EM + "A\",\"code\":\"B\"}");
        assertEquals("B", oddThenPlain.text(ScreenerField.CODE));
        ScreenerMessage plainThenOdd = read("{\"code\":\"B\",\"code\":\"" + EM + "A\"}");
        assertEquals("\u2003A", plainThenOdd.text(ScreenerField.CODE));
        assertEquals("A", plainThenOdd.trimmed(ScreenerField.CODE));
        ScreenerMessage valueThenNull = read("{\"code\":\"B\",\"code\":null}");
        assertEquals("B", valueThenNull.text(ScreenerField.CODE), "null after a value keeps the value");
        ScreenerMessage oddThenNull = read("{\"code\":\"" + EM + "A\",\"code\":{}}");
        assertEquals("\u2003A", oddThenNull.text(ScreenerField.CODE));
    }

    @Test
    void aSideSentTwiceIsTheSecond() throws IOException {
        ScreenerMessage message = read("{\"bids\":[{\"price\":\"" + EM + "1\"},{\"price\":\"2\"}],"
                + "\"bids\":[{\"price\":\"3\"}]}");
        assertEquals(1, message.bids.size());
        assertEquals(new BigDecimal("3"), message.decimal(message.bids.get(0), ScreenerField.PRICE, scratch),
                "nothing of the first side's odd value shows through");
        assertTrue(read("{\"asks\":[]}").asks.isPresent(), "an empty side was sent");
    }

    @Test
    void eachFrameStartsAfreshEvenWhereItsPartsAreReused() throws IOException {
        read("{\"bids\":[{\"price\":1}],\"asks\":[{\"price\":2}],\"messages\":[{\"stock_code\":\"A\"},"
                + "{\"stock_code\":\"B\"},{\"stock_code\":\"C\"}]}");
        ScreenerMessage next = read("{\"messages\":[{\"type\":\"x\"},{\"type\":\"y\"}]}");
        assertEquals(0, next.bids.size());
        assertEquals(0, next.asks.size());
        assertEquals(2, next.messageCount());
        assertNull(next.message(0).trimmed(ScreenerField.STOCK_CODE), "a reused batch item is cleared");
        assertThrows(IndexOutOfBoundsException.class, () -> next.message(2), "the third item was the last frame's");
    }
}

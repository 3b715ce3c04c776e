package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the frame reader takes from an AllTick frame: the envelope, a push's fields in any order and under either
 * spelling, both sides of a book, and the codes a response names in {@code symbol_list}, in both shapes.
 */
class TestAlltickFrameReading {

    private final AlltickFrameReader reader = new AlltickFrameReader();

    private AlltickMessage read(String json) throws IOException {
        return reader.read(Frames.json(json));
    }

    @Test
    void aResponseNamesTheCodesOfItsSymbolListInEitherShape() throws IOException {
        AlltickMessage objects = read("{\"ret\":600,\"msg\":\"code invalid\",\"cmd_id\":22005,"
                + "\"data\":{\"symbol_list\":[{\"code\":\"AAPL.US\",\"depth_level\":5},{\"code\":\" TSLA.US \"}]}}");
        assertEquals(List.of("AAPL.US", "TSLA.US"), objects.symbolList);
        assertTrue(objects.isResponse());
        assertEquals(600, objects.ret.intValue());
        assertEquals(22005, objects.cmdId.intValue());
        assertEquals("code invalid", objects.top.text(AlltickField.MSG));
        assertEquals("600", objects.top.text(AlltickField.RET), "kept as text too, for messages");
        assertEquals("22005", objects.top.text(AlltickField.CMD_ID));

        AlltickMessage strings = read("{\"ret\":600,\"data\":{\"symbol_list\":[\"EURUSD\",\"XAUUSD\",\"EURUSD\"]}}");
        assertEquals(List.of("EURUSD", "XAUUSD"), strings.symbolList, "each code once");
    }

    @Test
    void oddEntriesOfASymbolListAreSkipped() throws IOException {
        AlltickMessage message = read("{\"ret\":600,\"data\":{\"symbol_list\":[1,null,\"  \",[\"X\"],{\"code\":7},"
                + "{\"other\":{\"code\":\"Y\"},\"code\":\"GOOD\"},true,\"LAST\"],\"code\":\"ONE\"}}");
        assertEquals(List.of("GOOD", "LAST"), message.symbolList);
        assertEquals(List.of("GOOD", "LAST", "ONE"), message.namedCodes(), "and data.code");
        AlltickMessage notAList = read("{\"ret\":600,\"data\":{\"symbol_list\":{\"code\":\"A\"},\"code\":\"B\"}}");
        assertEquals(List.of(), notAList.symbolList);
        assertEquals("B", notAList.data.text(AlltickField.CODE), "what follows is still read");
    }

    @Test
    void aPushIsReadWhateverTheOrderOfItsFields() throws IOException {
        AlltickMessage push = read("{\"data\":{\"volumn\":\"100\",\"price\":\"32.50\",\"code\":\"AAPL.US\","
                + "\"seq\":\"42\",\"tick_time\":\"1677831545217\",\"turnover\":\"3250.00\",\"trade_direction\":1,"
                + "\"extra\":[1,2]},\"trace\":\"abc\",\"cmd_id\":22998,\"seq_id\":9}");
        assertFalse(push.isResponse());
        assertEquals(22998, push.cmdId.intValue());
        assertEquals(9, push.seqId.value());
        assertEquals("100", push.data.text(AlltickField.VOLUME), "the documentation's spelling");
        assertEquals("32.50", push.data.text(AlltickField.PRICE));
        assertEquals("AAPL.US", push.data.text(AlltickField.CODE));
        assertEquals("42", push.data.text(AlltickField.SEQ));
        assertEquals("1677831545217", push.data.text(AlltickField.TICK_TIME));
        assertEquals("3250.00", push.data.text(AlltickField.TURNOVER));
        assertEquals("1", push.data.text(AlltickField.TRADE_DIRECTION));
        assertTrue(push.hasTrace());
        assertTrue(push.traceIs("abc"));
        assertFalse(push.traceIs("ab"));
        assertEquals(List.of("AAPL.US"), push.namedCodes());
    }

    @Test
    void bothSidesOfABookAreReadLevelByLevel() throws IOException {
        AlltickMessage book = read("{\"cmd_id\":22999,\"data\":{\"code\":\"X\",\"bids\":[{\"price\":\"1.1\","
                + "\"volume\":\"5\",\"x\":{}},7,{\"volumn\":\"6\",\"price\":\"1.0\"}],\"asks\":[{\"price\":\"1.2\","
                + "\"volume\":\"9\"}]}}");
        assertEquals(2, book.bids.size());
        assertEquals("1.1", book.bids.get(0).text(AlltickField.PRICE));
        assertEquals("5", book.bids.get(0).text(AlltickField.VOLUME));
        assertEquals("6", book.bids.get(1).text(AlltickField.VOLUME));
        assertEquals(1, book.asks.size());
        assertEquals("9", book.asks.get(0).text(AlltickField.VOLUME));
        assertTrue(book.asks.isPresent());
        AlltickMessage replaced = read("{\"data\":{\"bids\":[{\"price\":\"1\"},{\"price\":\"2\"}],"
                + "\"bids\":[{\"price\":\"3\"}],\"asks\":\"none\"}}");
        assertEquals(1, replaced.bids.size(), "a second bids replaces the first");
        assertEquals("3", replaced.bids.get(0).text(AlltickField.PRICE));
        assertFalse(replaced.asks.isPresent(), "asks that are not a list are absent");
    }

    @Test
    void envelopeNumbersOfTheWrongShapeAreAbsentAndTheRestIsRead() throws IOException {
        AlltickMessage message = read("{\"cmd_id\":{\"x\":1},\"ret\":[200],\"seq_id\":{},\"trace\":null,"
                + "\"msg\":{\"a\":1},\"data\":[1,2],\"unknown\":{\"data\":{\"code\":\"NO\"}},\"after\":1}");
        assertFalse(message.cmdId.isPresent());
        assertFalse(message.isResponse());
        assertFalse(message.seqId.isPresent());
        assertFalse(message.top.has(AlltickField.CMD_ID));
        assertTrue(message.top.sent(AlltickField.MSG), "a message that is an object was sent, as a bad value");
        assertFalse(message.top.has(AlltickField.MSG));
        AlltickMessage duplicate = read("{\"cmd_id\":22998,\"cmd_id\":{}}");
        assertFalse(duplicate.cmdId.isPresent(), "a later duplicate of the wrong shape wins");
        assertFalse(duplicate.top.has(AlltickField.CMD_ID));
        assertFalse(message.hasTrace());
        assertEquals(-1, message.traceLength);
        assertNull(message.data.text(AlltickField.CODE), "data that is not an object, and nested data, are skipped");
        AlltickMessage strings = read("{\"cmd_id\":\" 22001 \",\"ret\":\"200\",\"seq_id\":\"12345678901234\"}");
        assertEquals(22001, strings.cmdId.intValue());
        assertEquals(200, strings.ret.intValue());
        assertEquals(12345678901234L, strings.seqId.value());
    }

    @Test
    void envelopeNumbersAreReadAsParseIntAndParseLongReadThem() throws IOException {
        AlltickMessage message = read("{\"cmd_id\":\" +22001 \",\"ret\":\"\u0661\u0662\",\"seq_id\":"
                + "\"9223372036854775807\"}");
        assertEquals(22001, message.cmdId.intValue());
        assertEquals(12, message.ret.intValue(), "digits of other scripts, as parseInt reads them");
        assertEquals(Long.MAX_VALUE, message.seqId.value());
        assertTrue(message.seqId.isValid());
        AlltickMessage wrong = read("{\"cmd_id\":true,\"ret\":1.5,\"seq_id\":\"9223372036854775808\"}");
        assertTrue(wrong.cmdId.isPresent(), "true was sent");
        assertFalse(wrong.cmdId.isValid());
        assertTrue(wrong.ret.isPresent());
        assertFalse(wrong.ret.isValid());
        assertTrue(wrong.isResponse(), "a ret that is no number still makes a response");
        assertFalse(wrong.seqId.isValid(), "beyond a long");
        assertEquals(0, wrong.seqId.value());
        for (String text : List.of("\"-\"", "\"\"", "\"  \"", "\"2147483648\"", "\"-2147483649\"", "\"12a\"",
                "\"99999999999999999999\"", "false")) {
            AlltickMessage odd = read("{\"cmd_id\":" + text + "}");
            assertFalse(odd.cmdId.isValid(), text);
            assertEquals(0, odd.cmdId.intValue(), text);
        }
        assertEquals(Integer.MIN_VALUE, read("{\"cmd_id\":\"-2147483648\"}").cmdId.intValue());
        assertFalse(read("{\"cmd_id\":null}").cmdId.isPresent());
        assertTrue(read("{\"data\":{\"asks\":[]}}").asks.isPresent(), "an empty side was sent");
    }

    @Test
    void theTraceLengthIsAsSent() throws IOException {
        assertEquals(4, read("{\"trace\":true}").traceLength);
        assertEquals(5, read("{\"trace\":false}").traceLength);
        assertEquals(0, read("{\"trace\":\"\"}").traceLength);
        assertFalse(read("{\"trace\":\"\"}").hasTrace());
        assertEquals(3, read("{\"trace\":123}").traceLength);
        assertEquals(-1, read("{\"trace\":[\"x\"]}").traceLength);
        assertFalse(read("{\"trace\":\" abc \"}").traceIs("abc"), "blanks around it: not the trace sent");
    }

    @Test
    void aFrameIsReadAfreshEachTime() throws IOException {
        read("{\"ret\":200,\"msg\":\"ok\",\"seq_id\":3,\"trace\":\"t1\",\"data\":{\"code\":\"A\","
                + "\"symbol_list\":[\"B\"],\"bids\":[{}],\"asks\":[{}]}}");
        AlltickMessage next = read("{\"cmd_id\":22998}");
        assertNull(next.top.text(AlltickField.MSG));
        assertFalse(next.seqId.isPresent());
        assertEquals(0, next.asks.size());
        assertFalse(next.isResponse());
        assertFalse(next.hasTrace());
        assertEquals(List.of(), next.symbolList);
        assertNull(next.data.text(AlltickField.CODE));
        assertEquals(0, next.bids.size());
    }

    @Test
    void aFrameThatIsNotAnObjectIsRefused() {
        assertThrows(IOException.class, () -> read("[1,2]"));
        assertThrows(IOException.class, () -> read("\"text\""));
    }
}

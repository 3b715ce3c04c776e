package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Call;
import io.marketfeed.testkit.RecordingDecodeOutput.Acknowledged;
import io.marketfeed.toolkit.JsonText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the allocation-free decoding must keep: the rules it reimplements without {@code BigDecimal} or
 * {@code String} (checked against the way they were computed before), and a session's reused state, which must not
 * carry anything from one frame to the next.
 */
class TestAlltickHotPath {

    private static final List<String> FRAMES = List.of("trade.json", "depth.json", "trade-forex.json",
            "depth-forex-without-volume.json", "malformed.json", "trade-integers.json", "depth-bad-level.json",
            "trade-volumn.json", "not-an-object.json", "trade-seconds.json", "depth-one-side-empty.json",
            "trade-without-price.json", "heartbeat-response.json", "trade-direction-string.json", "unknown-cmd.json",
            "trade-huge-seq.json", "depth-integers.json", "blog-tick.json", "trade-seconds-integer.json",
            "trades-response.json", "header-invalid.json", "blog-heartbeat.json", "token-invalid.json", "depth.json");

    // ---------------------------------------------------------------- reused state

    @Test
    void oneSessionDecodesEveryFrameAsAFreshSessionWould() {
        AlltickSession shared = TestAlltickCodec.session();
        for (int pass = 0; pass < 2; pass++) {
            List<String> order = new ArrayList<>(FRAMES);
            if (pass == 1) {
                java.util.Collections.reverse(order);
            }
            for (String name : order) {
                RecordingDecodeOutput fresh = new RecordingDecodeOutput();
                TestAlltickCodec.session().decode(frame(name), fresh);
                RecordingDecodeOutput reused = new RecordingDecodeOutput();
                shared.decode(frame(name), reused);
                assertEquals(fresh.calls(), reused.calls(), name + " after the frames before it");
            }
        }
    }

    @Test
    void aFieldOfTheLastFrameIsNotTakenForOneThisFrameLacks() {
        AlltickSession session = TestAlltickCodec.session();
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        session.decode(frame("trade.json"), out);
        session.decode(Frames.json("{\"cmd_id\":22998,\"data\":{\"code\":\"EURUSD\",\"price\":\"1.1\",\"volume\":\"0\"}}"),
                out);
        Trade second = out.events(Trade.class).get(1);
        assertNull(second.value());
        assertNull(second.tradeId());
        assertNull(second.time());
    }

    @Test
    void aStructureOrNullInPlaceOfAScalarMakesItAbsentEvenWhenSentBefore() {
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        TestAlltickCodec.session().decode(Frames.json("{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\","
                + "\"price\":\"1\",\"price\":{\"x\":1},\"volume\":\"2\"}}"), out);
        assertEquals(new RecordingDecodeOutput.BadValue("price", "{…}", true),
                out.single(RecordingDecodeOutput.BadValue.class), "the later duplicate wins, and is a bad price");
        out.clear();
        TestAlltickCodec.session().decode(Frames.json("{\"cmd_id\":22998,\"cmd_id\":null,\"data\":{}}"), out);
        assertTrue(out.singleProblem().message().contains("without a cmd_id"));
    }

    @Test
    void responsesAreMatchedBySeqIdAndTraceExactly() {
        AlltickSession session = TestAlltickCodec.session();
        session.subscribe(Topics.TRADES, List.of("AAPL.US"));
        session.heartbeat();
        session.subscribe(Topics.TRADES, List.of("MSFT.US"));
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        // A trace with blanks around it is not the trace sent, so the seq_id alone does not match it.
        session.decode(response(1, "\" t-1\""), out);
        // The seq_id of the heartbeat, the trace of the second list: matched by trace.
        session.decode(response(2, "\"t-3\""), out);
        // An empty trace: matched by seq_id alone (sent as a string with blanks).
        session.decode(response("\" 1 \"", "\"\""), out);
        assertEquals(List.<Call>of(new Acknowledged(Topics.TRADES, List.of()),
                new Acknowledged(Topics.TRADES, List.of("MSFT.US")),
                new Acknowledged(Topics.TRADES, List.of("AAPL.US"))), out.calls());
    }

    private static InboundFrame response(Object seqId, String trace) {
        return Frames.json("{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22005,\"seq_id\":" + seqId + ",\"trace\":" + trace
                + ",\"data\":{}}");
    }

    // ---------------------------------------------------------------- tick_time

    /** {@code tick_time} exactly as it was computed before, with BigDecimal for every value. */
    private static Instant referenceInstant(String text) {
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
    void tickTimeAtTheBoundsOfEachUnit() {
        for (String text : List.of("1", "0.000000001", "0.0000000001", "99999999999", "99999999999.999999999999",
                "100000000000", "100000000000.5", "99999999999999", "99999999999999.9999", "100000000000000",
                "99999999999999999", "100000000000000000", "999999999999999999", "9223372036854775807",
                "9223372036854775808", "99999999999999999999", "1677831545217", "1677831545217.123456789",
                "1677831545", "1677831545.123456789123", "0.5", "1E+11", "1.677831545217E12", "1e-9", "1e-10",
                "0", "-1", "-0.5", "00001677831545217", "1677831545217.000", "+1677831545217", " 1677831545217 ",
                "1677831545217123456.7", "1" + "0".repeat(40), "0." + "0".repeat(20) + "1")) {
            assertEquals(referenceInstant(text), AlltickCodec.instant(text), text);
        }
    }

    @Test
    void tickTimeOfRandomDecimalsAsBefore() {
        Random random = new Random(22998);
        for (int i = 0; i < 100_000; i++) {
            String text = randomDecimal(random);
            assertEquals(referenceInstant(text), AlltickCodec.instant(text), text);
        }
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

    // ---------------------------------------------------------------- cmd_id, ret, seq_id

    /** What {@code Integer.parseInt(text.strip())} made of it, as before; null when it threw. */
    private static Long referenceWhole(String text, boolean asInt) {
        try {
            return asInt ? (long) Integer.parseInt(text.strip()) : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void assertWholeAsBefore(String text) {
        for (boolean asInt : new boolean[] {true, false}) {
            WholeNumber number = new WholeNumber(asInt);
            String json = JsonText.appendString(new StringBuilder("{\"v\":"), text).append('}').toString();
            InboundFrame frame = Frames.json(json);
            try {
                var parser = new io.marketfeed.toolkit.JsonFrames().start(frame);
                parser.nextToken();
                parser.nextToken();
                parser.nextToken();
                number.read(parser);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            Long expected = referenceWhole(text, asInt);
            assertTrue(number.isPresent(), text);
            assertEquals(expected != null, number.isValid(), "'" + text + "'" + (asInt ? " as int" : " as long"));
            if (expected != null) {
                assertEquals(expected.longValue(), number.value(), text);
            }
        }
    }

    @Test
    void wholeNumbersAsParseIntAndParseLongReadThem() {
        for (String text : List.of("22998", " 22998 ", "+200", "-1", "-", "+", "", " ", "2147483647", "2147483648",
                "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "999999999999999999", "0000000000000000000000001", "200.0", "2e2", "0x10", "1 0", "\u2003200\u2003",
                "\u0661\u0662", "-\u0661", "200\u0001", "\u00a0200", "12a", "true")) {
            assertWholeAsBefore(text);
        }
        Random random = new Random(22001);
        String alphabet = "0123456789012345678901234567890123456789+- .\t\u2003\u0661a";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(23);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertWholeAsBefore(text.toString());
        }
    }
}

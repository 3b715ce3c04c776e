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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the allocation-free decoding must keep: a session's reused state, which must not carry anything from one
 * frame to the next. The number rules it reads without {@code BigDecimal} or {@code String} are checked against the
 * way they were computed before in the toolkit ({@code TestEpochTime}, {@code TestWholeNumber}).
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
}

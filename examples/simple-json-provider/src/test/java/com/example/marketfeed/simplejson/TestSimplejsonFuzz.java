package com.example.marketfeed.simplejson;

import static io.marketfeed.testkit.fuzz.DecodeProbe.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.testkit.fuzz.DecodeProbe;
import io.marketfeed.testkit.fuzz.DecoderFuzzProperties;
import io.marketfeed.testkit.fuzz.FuzzFrame;
import io.marketfeed.testkit.fuzz.MutatedFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decoder fuzzed with the kit's mutations of the recorded frames: no input makes it throw, hang, or allocate
 * more than in proportion to the frame ({@link DecodeProbe}), and nothing one frame leaves in the session's reused
 * state (the message, the quote builder, the decimal reader) changes how the next one decodes.
 */
class TestSimplejsonFuzz extends DecoderFuzzProperties {

    private static final List<FuzzFrame> FRAMES = FuzzFrame.resources(TestSimplejsonFuzz.class, "/simplejson/frames");
    private static final DecodeProbe PROBE = new DecodeProbe(SimplejsonProvider.ID)
            .swallowed(message -> message.startsWith("could not translate"));
    private static final FuzzFrame TICKER = FuzzFrame.text("{\"topic\":\"ticker\",\"data\":{\"symbol\":\"BTC-USD\","
            + "\"last\":\"64012.50\",\"ts\":1732233600123}}");

    @Override
    protected List<FuzzFrame> frames() {
        return FRAMES;
    }

    @Provide("sequences")
    Arbitrary<List<MutatedFrame>> sequences() {
        return mutated(0, 3).list().ofMinSize(1).ofMaxSize(4);
    }

    /** 5,000 sessions of up to four mutated frames each, then a ticker that must decode exactly. */
    @Property(tries = 5_000)
    void mutatedFramesNeitherThrowNorHangNorBloat(@ForAll("sequences") List<MutatedFrame> frames) {
        ProtocolSession session = new SimplejsonSession();
        for (MutatedFrame frame : frames) {
            PROBE.decode(session, frame.of(FRAMES));
        }
        Quote next = Quote.builder(SimplejsonProvider.ID, "BTC-USD", RECEIVED_AT).price(new BigDecimal("64012.50"))
                .time(Instant.ofEpochMilli(1732233600123L)).build();
        assertEquals(List.of(next), PROBE.decode(session, TICKER).events(), "the next frame");
    }

    @Property(tries = 60)
    void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
            @ForAll("kib") int kib) {
        PROBE.decode(new SimplejsonSession(), frame.repeated(FRAMES, at, kib));
    }
}

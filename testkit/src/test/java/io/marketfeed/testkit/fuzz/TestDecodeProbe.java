package io.marketfeed.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The probe fails a decoder for each promise it breaks, and passes one that keeps them. */
class TestDecodeProbe {

    private static final FuzzFrame FRAME = FuzzFrame.text("{\"price\":32.50}");
    private final DecodeProbe probe = new DecodeProbe("fake").maxMillis(200).credential("secret-key")
            .swallowed(message -> message.startsWith("could not translate"));

    @Test
    void aDecoderThatKeepsItsPromisesPasses() {
        FuzzOutput out = probe.decode(session((frame, output) -> {
            output.emit(Quote.builder("fake", "X", frame.receivedAt()).price(new BigDecimal(frame.asString()
                    .substring(9, 14))).build());
            output.problem(Disposition.warn("a warning about nothing"));
        }), FRAME);
        assertEquals(new BigDecimal("32.50"), ((Quote) out.events().get(0)).price(), "the slice, and only it");
        assertEquals(1, out.problems().size());
    }

    @Test
    void anEscapingExceptionFails() {
        assertFails("decode threw java.lang.IllegalStateException: boom", (frame, out) -> {
            throw new IllegalStateException("boom");
        });
        assertFails("decode threw java.lang.StackOverflowError", (frame, out) -> {
            throw new StackOverflowError();
        });
    }

    @Test
    void aSlowDecodeFails() {
        assertFails("decode took", (frame, out) -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
    }

    @Test
    void aDecodeThatAllocatesOutOfProportionFails() {
        List<byte[]> kept = new ArrayList<>();
        assertFails("decode allocated", (frame, out) -> kept.add(new byte[200 * 1024]));
    }

    @Test
    void aDecodeThatWritesTheBufferFails() {
        assertFails("modified the frame's buffer", (frame, out) -> frame.array()[frame.offset()] = 'x');
    }

    @Test
    void eventsOfAnotherProviderFail() {
        assertFails("an event of provider 'other'", (frame, out) ->
                out.emit(Quote.builder("other", "X", frame.receivedAt()).build()));
    }

    @Test
    void swallowedExceptionsFail() {
        assertFails("swallowed an exception", (frame, out) ->
                out.problem(Disposition.warn("could not parse (Index 3 out of bounds for length 3)")));
        assertFails("swallowed an exception", (frame, out) ->
                out.problem(Disposition.warn("could not translate a 'quote': java.lang.ArithmeticException")));
        assertFails("swallowed an exception", (frame, out) ->
                out.problem(Disposition.warn("begin 0, end 5, length 3")));
    }

    @Test
    void theCredentialMustNotComeThrough() {
        assertFails("the credential in it", (frame, out) -> out.problem(Disposition.fatal("bad key secret-key")));
    }

    @Test
    void theFrameIsShownInTheFailure() {
        AssertionError error = assertThrows(AssertionError.class, () -> probe.decode(session((frame, out) -> {
            throw new IllegalStateException("boom");
        }), FRAME));
        assertTrue(error.getMessage().contains("frame: text 15B \"{\\\"price\\\":32.50}\""), error.getMessage());
        assertEquals("boom", error.getCause().getMessage());
    }

    private void assertFails(String expected, BiConsumer<InboundFrame, DecodeOutput> decoder) {
        AssertionError error = assertThrows(AssertionError.class, () -> probe.decode(session(decoder), FRAME));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    private static ProtocolSession session(BiConsumer<InboundFrame, DecodeOutput> decoder) {
        return new ProtocolSession() {
            @Override
            public OutboundFrame subscribe(String topic, List<String> symbols) {
                return OutboundFrame.text("{}");
            }

            @Override
            public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
                return Optional.empty();
            }

            @Override
            public void decode(InboundFrame frame, DecodeOutput out) {
                decoder.accept(frame, out);
            }
        };
    }
}

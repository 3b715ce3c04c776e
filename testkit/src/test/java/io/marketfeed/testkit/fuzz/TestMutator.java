package io.marketfeed.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mutators: what each makes of a frame, and that any frame, however broken, can be mutated again. */
class TestMutator {

    private static final FuzzFrame QUOTE = FuzzFrame.text("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":"
            + "{\"price\":32.50,\"volume\":[1,2]},\"timestamp\":\"2026-02-10T12:19:22Z\"}");

    @Test
    void aMutationIsAFunctionOfItsThreeParts() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Mutation mutation = Mutation.random(random);
            assertEquals(mutation.apply(QUOTE), mutation.apply(QUOTE), mutation.toString());
        }
    }

    @Test
    void truncationCutsBeforeInsideAndAfterTokensAndAtAnyByte() {
        // Token 14 is 32.50.
        assertEquals("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":", text(Mutator.TRUNCATE, 14, 0));
        assertEquals("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":3", text(Mutator.TRUNCATE, 14, 1));
        assertEquals("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50", text(Mutator.TRUNCATE, 14, 2));
        assertEquals("{\"ty", text(Mutator.TRUNCATE, 4, 3));
    }

    @Test
    void typeSwapsReplaceWholeValues() {
        // Values: 0 the frame, 1 "quote", 2 "2222", 3 the data object, 4 32.50. The data object goes whole.
        assertEquals("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":null,\"timestamp\":\"2026-02-10T12:19:22Z\"}",
                text(Mutator.SWAP_TYPE, 3, 8));
        assertEquals("{\"type\":\"quote\",\"symbol\":2222,\"data\":{\"price\":32.50,\"volume\":[1,2]},"
                + "\"timestamp\":\"2026-02-10T12:19:22Z\"}", text(Mutator.SWAP_TYPE, 2, 19), "a string unquoted");
        assertTrue(text(Mutator.SWAP_TYPE, 4, 18).contains("\"price\":\"32.50\""), "a number quoted");
    }

    @Test
    void hugeNumbersAndDeepNesting() {
        assertTrue(text(Mutator.HUGE_NUMBER, 4, 0).contains("\"price\":1e400"));
        String deep = text(Mutator.DEEP_NESTING, 4, 8);
        assertTrue(deep.contains("\"price\":" + "[".repeat(10_000) + "32.50" + "]".repeat(10_000)), "10,000 arrays");
        assertTrue(text(Mutator.DEEP_NESTING, 4, 11).contains("{\"a\":".repeat(10_000) + "32.50" + "}".repeat(10_000)));
        assertTrue(text(Mutator.DEEP_NESTING, 4, 0).contains("[".repeat(65) + "32.50,\"volume\""), "left open");
    }

    @Test
    void invalidUtf8GoesIntoAString() {
        byte[] bytes = Mutator.INVALID_UTF8.apply(QUOTE, 0, 1).bytes();
        assertEquals(QUOTE.length() + 1, bytes.length);
        assertEquals((byte) 0xff, bytes[2], "after the opening quote of \"type\"");
        assertTrue(Mutator.INVALID_UTF8.apply(QUOTE, 0, 1).toString().contains("\\xFF"));
    }

    @Test
    void duplicatedKeys() {
        assertTrue(text(Mutator.DUPLICATE_KEY, 0, 0).startsWith("{\"type\":\"quote\",\"type\":\"quote\","));
        assertTrue(text(Mutator.DUPLICATE_KEY, 0, 1).startsWith("{\"type\":\"quote\",\"type\":null,"));
        assertTrue(text(Mutator.DUPLICATE_KEY, 0, 3).startsWith("{\"type\":0,\"type\":\"quote\","),
                "another value first, the original last");
    }

    @Test
    void repeatingGrowsAFrameToTheLengthAsked() {
        FuzzFrame book = FuzzFrame.text("{\"bids\":[{\"price\":1,\"quantity\":2}],\"x\":1}");
        FuzzFrame grown = Mutator.repeat(book, 1, 1 << 20);
        assertTrue(grown.length() > (1 << 20) - 64 && grown.length() <= 1 << 20, "length " + grown.length());
        assertTrue(grown.asString().startsWith("{\"bids\":[{\"price\":1,\"quantity\":2},{\"price\":1,\"quantity\":2},"));
        assertTrue(Mutator.REPEAT.apply(book, 1, Integer.MAX_VALUE).length() <= 1 << 16, "REPEAT stays within 64 KiB");
        assertEquals(FuzzFrame.text("1"), Mutator.repeat(FuzzFrame.text("1"), 0, 1 << 20), "nothing to repeat");
    }

    @Test
    void wholeFramesAndBinary() {
        assertEquals(0, Mutator.WHOLE_FRAME.apply(QUOTE, 0, 0).length());
        assertEquals("[" + QUOTE.asString() + "]", text(Mutator.WHOLE_FRAME, 0, 8));
        FuzzFrame binary = Mutator.AS_BINARY.apply(QUOTE, 0, 0);
        assertFalse(binary.text());
        assertEquals(QUOTE.asString(), binary.asString());
        assertEquals(17, Mutator.AS_BINARY.apply(QUOTE, 17, 1).length(), "random bytes");
    }

    @Test
    void escapedStringsMeanTheSame() {
        assertTrue(text(Mutator.ESCAPE_STRING, 0, 0).startsWith("{\"\\u0074\\u0079\\u0070\\u0065\":"));
    }

    @Test
    void anyFrameCanBeMutatedAgainAndNoneGrowsBeyondTheLimit() {
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            FuzzFrame frame = random.nextBoolean() ? new FuzzFrame(bytes, true) : QUOTE;
            for (Mutation mutation : Mutation.random(random, 4)) {
                frame = mutation.apply(frame);
                assertTrue(frame.length() <= Mutator.MAX_LENGTH);
            }
        }
    }

    @Test
    void negativeNumbersCountAsTheirAbsoluteValue() {
        assertEquals(Mutator.SWAP_TYPE.apply(QUOTE, 3 | Integer.MIN_VALUE, 8 | Integer.MIN_VALUE),
                Mutator.SWAP_TYPE.apply(QUOTE, 3, 8));
        assertNotEquals(QUOTE, Mutator.SWAP_TYPE.apply(QUOTE, 3, 8));
    }

    @Test
    void mutatedFramesOfACorpus() {
        List<FuzzFrame> corpus = List.of(QUOTE, FuzzFrame.text("{\"a\":[1,2]}"));
        MutatedFrame frame = new MutatedFrame(1, List.of(new Mutation(Mutator.TRUNCATE, 0, 0)));
        assertEquals(FuzzFrame.text(""), frame.of(corpus));
        assertEquals(FuzzFrame.text("{\"a\":[1,2]}"), new MutatedFrame(3, List.of()).of(corpus), "modulo the size");
    }

    @Test
    void framesAreShownAsStringLiterals() {
        FuzzFrame frame = new FuzzFrame("{\"é\":\"\n\u2003\"}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals("text 13B \"{\\\"\\u00e9\\\":\\\"\\n\\u2003\\\"}\"", frame.toString());
        assertEquals("binary 2B \"\\xC3(\"", FuzzFrame.binary(new byte[] {(byte) 0xc3, 0x28}).toString());
    }

    private static String text(Mutator mutator, int at, int arg) {
        return mutator.apply(QUOTE, at, arg).asString();
    }
}

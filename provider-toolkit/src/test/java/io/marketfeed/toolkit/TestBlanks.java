package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestBlanks {

    @Test
    void theRangeLeftIsWhatStripLeaves() {
        for (String text : List.of("", " ", "a", " a ", "\t\n a b \u2003", "\u00a0a\u00a0", "\u0000a\u0000", "  \u2028")) {
            char[] chars = ("xx" + text + "yy").toCharArray();
            int start = Blanks.skipLeading(chars, 2, 2 + text.length());
            int end = Blanks.skipTrailing(chars, start, 2 + text.length());
            assertEquals(text.strip(), new String(chars, start, end - start), "'" + text + "'");
        }
    }
}

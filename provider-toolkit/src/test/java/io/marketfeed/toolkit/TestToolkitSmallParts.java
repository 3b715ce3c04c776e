package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The toolkit's small parts, as a provider uses them: request text, field names, element lists, samples. */
class TestToolkitSmallParts {

    private enum Field { PRICE, SIZE }

    @Test
    void aStringInARequestIsEscapedAsJsonWants() {
        assertEquals("\"2222\"", JsonText.appendString(new StringBuilder(), "2222").toString());
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001fh\\u2028i\\u2029j k\u00e9\u2027\u202a/\"",
                JsonText.appendString(new StringBuilder(), "a\"b\\c\nd\re\tf\u0000g\u001fh\u2028i\u2029j k\u00e9"
                        + "\u2027\u202a/").toString());
        StringBuilder json = new StringBuilder("{\"s\":");
        assertSame(json, JsonText.appendString(json, ""));
        assertEquals("{\"s\":\"\"", json.toString());
        assertEquals("\"\\u0001\\u0010\\u000b\"", JsonText.appendString(new StringBuilder(), "\u0001\u0010\u000b")
                .toString());
    }

    @Test
    void fieldNamesAreFoundAndUnknownNamesAreNot() {
        FieldNames<Field> names = new FieldNames<>(Map.of("price", Field.PRICE, "size", Field.SIZE));
        assertEquals(Field.PRICE, names.field("price"));
        assertEquals(Field.PRICE, names.field("price"), "again, now remembered");
        assertEquals(Field.SIZE, names.field(new String("size")));
        assertNull(names.field("volume"));
        assertNull(names.field("volume"), "an unknown name stays unknown once remembered");
        for (int i = 0; i < 300; i++) {
            assertNull(names.field("unknown" + i));
        }
        assertEquals(Field.SIZE, names.field("size"), "after more names than are remembered");
        assertEquals(Field.PRICE, names.field(new String("price")));
    }

    @Test
    void aListOfElementsIsReusedFromFrameToFrame() {
        TextFieldsList<Field> list = new TextFieldsList<>(Field.class);
        assertFalse(list.isPresent());
        assertEquals(0, list.size());
        TextFields<Field> first = list.add();
        first.set(Field.PRICE, "1.5");
        list.add().set(Field.PRICE, "2.5");
        assertTrue(list.isPresent());
        assertEquals(2, list.size());
        assertEquals("2.5", list.get(1).text(Field.PRICE));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
        list.clear();
        assertFalse(list.isPresent());
        assertEquals(0, list.size());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(0));
        TextFields<Field> again = list.add();
        assertSame(first, again, "the element is reused");
        assertNull(again.text(Field.PRICE), "and cleared");
        list.clear();
        list.markPresent();
        assertTrue(list.isPresent(), "an empty list sent is present");
        assertEquals(0, list.size());
    }

    @Test
    void aSampleShowsTheTextItViews() {
        SampleText sample = new SampleText();
        char[] chars = "xxabcxx".toCharArray();
        assertSame(sample, sample.view(chars, 2, 3));
        assertEquals(3, sample.length());
        assertEquals('a', sample.charAt(0));
        assertEquals('c', sample.charAt(2));
        assertThrows(IndexOutOfBoundsException.class, () -> sample.charAt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> sample.charAt(-1));
        assertEquals("abc", sample.toString());
        assertEquals("bc", sample.subSequence(1, 3).toString());
        assertSame(sample, sample.fixed("{…}"));
        assertEquals(3, sample.length());
        assertEquals('{', sample.charAt(0));
        assertEquals("{…}", sample.toString());
        assertEquals("…}", sample.subSequence(1, 3).toString());
        sample.fixed("null");
        assertEquals(4, sample.length());
        sample.view(chars, 0, 2);
        assertEquals("xx", sample.toString(), "a new view forgets the fixed text");
    }
}

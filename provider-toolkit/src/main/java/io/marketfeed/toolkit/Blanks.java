package io.marketfeed.toolkit;

/**
 * White space around a value in a character range, as {@link String#strip()} sees it ({@link Character#isWhitespace};
 * no supplementary character is white space, so going char by char is the same), found without making a string.
 * Stateless.
 */
public final class Blanks {

    private Blanks() {
    }

    /** The index of the first character of {@code chars[start, end)} that is not white space, or {@code end}. */
    public static int skipLeading(char[] chars, int start, int end) {
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        return start;
    }

    /** The index after the last character of {@code chars[start, end)} that is not white space, or {@code start}. */
    public static int skipTrailing(char[] chars, int start, int end) {
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        return end;
    }
}

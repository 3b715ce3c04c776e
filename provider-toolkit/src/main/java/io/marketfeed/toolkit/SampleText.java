package io.marketfeed.toolkit;

/**
 * A reused view of characters, handed to {@code DecodeOutput.badValue} as the sample of a value that could not be
 * read, so that reporting one allocates nothing: the runtime copies what it keeps. Valid until the view is pointed
 * elsewhere (the next sample of the same {@link TextFields}). Not thread safe: one per {@link TextFields}.
 */
final class SampleText implements CharSequence {

    private char[] chars = new char[0];
    private int start;
    private int length;
    private String fixed;

    /** Views {@code chars[start, start + length)}. */
    SampleText view(char[] chars, int start, int length) {
        this.chars = chars;
        this.start = start;
        this.length = length;
        this.fixed = null;
        return this;
    }

    /** Views a constant ({@code null}, {@code {…}}). */
    SampleText fixed(String text) {
        this.fixed = text;
        return this;
    }

    @Override
    public int length() {
        return fixed != null ? fixed.length() : length;
    }

    @Override
    public char charAt(int index) {
        if (fixed != null) {
            return fixed.charAt(index);
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().subSequence(from, to);
    }

    @Override
    public String toString() {
        return fixed != null ? fixed : new String(chars, start, length);
    }
}

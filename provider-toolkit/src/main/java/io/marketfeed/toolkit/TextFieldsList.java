package io.marketfeed.toolkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of {@link TextFields} (the levels of a book, the trades of a snapshot) that reuses its elements from
 * frame to frame: {@link #clear()} keeps them for the next frame, {@link #add()} hands out a cleared one. It
 * never holds more elements than the largest frame it has read. Not thread safe.
 *
 * @param <F> the fields of each element
 */
public final class TextFieldsList<F extends Enum<F>> {

    private final Class<F> fields;
    private final List<TextFields<F>> elements = new ArrayList<>();
    private int size;
    private boolean present;

    public TextFieldsList(Class<F> fields) {
        this.fields = fields;
    }

    /** Empties the list and marks it absent, for the next frame. */
    public void clear() {
        size = 0;
        present = false;
    }

    /** Marks the list as sent (possibly empty). */
    public void markPresent() {
        present = true;
    }

    /** Whether the frame carried this list at all. */
    public boolean isPresent() {
        return present;
    }

    /** A cleared element at the end of the list. */
    public TextFields<F> add() {
        present = true;
        if (size == elements.size()) {
            elements.add(new TextFields<>(fields));
        }
        TextFields<F> element = elements.get(size++);
        element.clear();
        return element;
    }

    public int size() {
        return size;
    }

    public TextFields<F> get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return elements.get(index);
    }
}

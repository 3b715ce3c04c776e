package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Interned symbols: the same few symbols arrive in every frame, so their text is looked up among the ones
 * seen before instead of becoming a new {@code String} each time. Blanks around a symbol are dropped. At most
 * {@value #CAPACITY} distinct symbols of up to {@value #MAX_INTERNED_LENGTH} characters are kept (a server
 * sending endless new names gets a new string for each beyond that, never unbounded memory).
 *
 * <p>Not thread safe: one per connection.
 */
public final class Symbols {

    /** The most distinct symbols kept. */
    public static final int CAPACITY = 4096;
    /** Longer text is returned as a new string, never kept. */
    public static final int MAX_INTERNED_LENGTH = 64;

    /** Open addressing, at most half full; starts small (an idle connection holds little) and doubles. */
    private String[] table = new String[16];
    private int size;

    /**
     * The parser's current string or number token as a symbol: trimmed, null when blank or of another kind.
     */
    public String read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        return intern(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** The symbol written in {@code chars[offset, offset + length)}, trimmed; null when blank. */
    public String intern(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        start = Blanks.skipLeading(chars, start, end);
        end = Blanks.skipTrailing(chars, start, end);
        int count = end - start;
        if (count == 0) {
            return null;
        }
        if (count > MAX_INTERNED_LENGTH) {
            return new String(chars, start, count);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        String[] table = this.table;
        int mask = table.length - 1;
        for (int slot = spread(hash) & mask;; slot = (slot + 1) & mask) {
            String known = table[slot];
            if (known == null) {
                String symbol = new String(chars, start, count);
                if (size < CAPACITY) {
                    this.table[slot] = symbol;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                }
                return symbol;
            }
            if (known.hashCode() == hash && matches(known, chars, start, count)) {
                return known;
            }
        }
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String symbol : old) {
            if (symbol != null) {
                int slot = spread(symbol.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = symbol;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean matches(String known, char[] chars, int start, int count) {
        if (known.length() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (known.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }
}

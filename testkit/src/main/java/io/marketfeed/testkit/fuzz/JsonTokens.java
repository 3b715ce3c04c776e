package io.marketfeed.testkit.fuzz;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The tokens of a frame read leniently as JSON, for the mutators to aim at: strings, numbers, words, punctuation,
 * with where each value and each object member ends. Any bytes are accepted (a frame that earlier mutations broke
 * still has tokens); an unterminated string runs to the end, an unclosed container too. Only the first
 * {@value #WINDOW} bytes are read (mutations aim there; reading the 50 KB a deep nesting makes, for every mutation
 * that follows, would cost more than the decodes): a container that closes beyond them runs to the end too. Not
 * thread safe.
 */
final class JsonTokens {

    static final byte STRING = 1;
    static final byte NUMBER = 2;
    static final byte WORD = 3;
    static final byte OPEN_OBJECT = 4;
    static final byte CLOSE_OBJECT = 5;
    static final byte OPEN_ARRAY = 6;
    static final byte CLOSE_ARRAY = 7;
    static final byte COLON = 8;
    static final byte COMMA = 9;
    static final byte OTHER = 10;

    /** The bytes read: 16 KiB. */
    static final int WINDOW = 1 << 14;

    private final byte[] bytes;
    private byte[] kinds;
    private int[] starts;
    private int[] ends;
    /** The token of the object or array each token is in, or -1 at the root. */
    private int[] parents;
    /** For an opening bracket, the token that closes it, or -1 when none does. */
    private int[] closers;
    private int count;

    JsonTokens(byte[] bytes) {
        this.bytes = bytes;
        int capacity = 8 + Math.min(bytes.length, WINDOW) / 2;
        kinds = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        parents = new int[capacity];
        closers = new int[capacity];
        scan();
    }

    int count() {
        return count;
    }

    byte kind(int token) {
        return kinds[token];
    }

    int start(int token) {
        return starts[token];
    }

    int end(int token) {
        return ends[token];
    }

    /** Whether the token is a string followed by a colon: an object member's name. */
    boolean isName(int token) {
        return kinds[token] == STRING && token + 1 < count && kinds[token + 1] == COLON;
    }

    /** Whether the token is the name of a member that has a value. */
    boolean isMember(int token) {
        return isName(token) && token + 2 < count && isValue(token + 2);
    }

    /** Whether a value starts at the token: a scalar that is no name, or an opening bracket. */
    boolean isValue(int token) {
        byte kind = kinds[token];
        return kind == STRING && !isName(token) || kind == NUMBER || kind == WORD || kind == OPEN_OBJECT
                || kind == OPEN_ARRAY;
    }

    /** Where the value starting at the token ends: after its closing bracket, or at the frame's end. */
    int valueEnd(int token) {
        if (kinds[token] != OPEN_OBJECT && kinds[token] != OPEN_ARRAY) {
            return ends[token];
        }
        return closers[token] < 0 ? bytes.length : ends[closers[token]];
    }

    /** Whether the value at the token is an element of an array (so a copy of it can follow a comma). */
    boolean isElement(int token) {
        int parent = parents[token];
        return parent >= 0 && kinds[parent] == OPEN_ARRAY && isValue(token);
    }

    /**
     * The {@code n}th (modulo their number) of the tokens {@code test} accepts, or -1 when it accepts none: a
     * mutation's target.
     */
    int pick(IntPredicate test, int n) {
        int matching = 0;
        for (int i = 0; i < count; i++) {
            if (test.test(i)) {
                matching++;
            }
        }
        if (matching == 0) {
            return -1;
        }
        int wanted = n % matching;
        for (int i = 0; i < count; i++) {
            if (test.test(i) && wanted-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("a test that changed its mind");
    }

    private void scan() {
        int[] open = new int[16];
        int depth = 0;
        int i = 0;
        int limit = Math.min(bytes.length, WINDOW);
        while (i < limit) {
            int b = bytes[i] & 0xff;
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                i++;
                continue;
            }
            byte kind = kindOf(b);
            int end = tokenEnd(i, kind);
            add(kind, i, end, depth == 0 ? -1 : open[depth - 1]);
            if ((kind == CLOSE_OBJECT || kind == CLOSE_ARRAY) && depth > 0) {
                closers[open[--depth]] = count - 1;
            } else if (kind == OPEN_OBJECT || kind == OPEN_ARRAY) {
                if (depth == open.length) {
                    open = Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = count - 1;
            }
            i = end;
        }
    }

    private static byte kindOf(int b) {
        switch (b) {
            case '"': return STRING;
            case '{': return OPEN_OBJECT;
            case '}': return CLOSE_OBJECT;
            case '[': return OPEN_ARRAY;
            case ']': return CLOSE_ARRAY;
            case ':': return COLON;
            case ',': return COMMA;
            default:
                if (b == '-' || b >= '0' && b <= '9') {
                    return NUMBER;
                }
                return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' ? WORD : OTHER;
        }
    }

    private int tokenEnd(int at, byte kind) {
        if (kind == STRING) {
            int i = at + 1;
            while (i < bytes.length && bytes[i] != '"') {
                i += bytes[i] == '\\' ? 2 : 1;
            }
            return Math.min(i + 1, bytes.length);
        }
        if (kind == NUMBER || kind == WORD) {
            int i = at + 1;
            while (i < bytes.length && continues(bytes[i] & 0xff)) {
                i++;
            }
            return i;
        }
        return at + 1;
    }

    private static boolean continues(int b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '.' || b == '+'
                || b == '-' || b == '_';
    }

    private void add(byte kind, int start, int end, int parent) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            parents = Arrays.copyOf(parents, count * 2);
            closers = Arrays.copyOf(closers, count * 2);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        parents[count] = parent;
        closers[count] = -1;
        count++;
    }
}

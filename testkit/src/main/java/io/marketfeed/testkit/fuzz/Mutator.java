package io.marketfeed.testkit.fuzz;

import static io.marketfeed.testkit.fuzz.FrameBytes.ascii;
import static io.marketfeed.testkit.fuzz.FrameBytes.concat;
import static io.marketfeed.testkit.fuzz.FrameBytes.insert;
import static io.marketfeed.testkit.fuzz.FrameBytes.quoted;
import static io.marketfeed.testkit.fuzz.FrameBytes.repeatable;
import static io.marketfeed.testkit.fuzz.FrameBytes.repeated;
import static io.marketfeed.testkit.fuzz.FrameBytes.replace;
import static io.marketfeed.testkit.fuzz.FrameBytes.slice;
import static io.marketfeed.testkit.fuzz.JsonTokens.STRING;
import static io.marketfeed.testkit.fuzz.OddValues.DEPTHS;
import static io.marketfeed.testkit.fuzz.OddValues.HEX;
import static io.marketfeed.testkit.fuzz.OddValues.INVALID;
import static io.marketfeed.testkit.fuzz.OddValues.NUMBERS;
import static io.marketfeed.testkit.fuzz.OddValues.STRINGS;
import static io.marketfeed.testkit.fuzz.OddValues.SWAPS;

import java.nio.charset.StandardCharsets;

/**
 * The ways a frame is mutated. Each one is a pure function of the frame and two non-negative whole numbers:
 * {@code at} picks where (a token, value, member or byte of the frame, modulo their number) and {@code arg} picks
 * how (a replacement, a depth, a count, modulo the choices). So a mutation is replayed exactly from its three
 * parts, and a property-testing library that shrinks numbers towards zero shrinks it towards the first place and
 * the first choice.
 *
 * <p>Mutators read the frame leniently as JSON (any bytes have tokens), so they stack: a value can be swapped in a
 * frame that an earlier mutation truncated. A mutator with nothing to aim at (no string in the frame, say) falls
 * back to a byte position, or returns the frame unchanged.
 *
 * <p>No mutation makes a frame larger than {@value #MAX_LENGTH} bytes; {@link #repeat} makes larger ones on purpose.
 * The values mutators put in are {@link OddValues}; the byte work is {@link FrameBytes}.
 */
public enum Mutator {

    /**
     * Cuts the frame: before, inside or after one token (inside a string, a number, a literal; after a brace, a
     * colon, a comma), or at any byte (in the middle of a UTF-8 character).
     */
    TRUNCATE(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            if (tokens.count() == 0 || arg % 4 == 3) {
                return frame.length == 0 ? frame : slice(frame, 0, at % frame.length);
            }
            int token = at % tokens.count();
            int start = tokens.start(token);
            int end = tokens.end(token);
            int cut = switch (arg % 4) {
                case 0 -> start;
                case 1 -> end - start > 1 ? start + 1 + arg / 4 % (end - start - 1) : end;
                default -> end;
            };
            return slice(frame, 0, cut);
        }
    },

    /** Replaces one value by a value of another type: number, string, boolean, null, object, array. */
    SWAP_TYPE(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int value = tokens.pick(tokens::isValue, at);
            if (value < 0) {
                return frame;
            }
            int start = tokens.start(value);
            int end = tokens.valueEnd(value);
            int choice = arg % (SWAPS.length + 2);
            if (choice == SWAPS.length) {
                return concat(slice(frame, 0, start), quoted(slice(frame, start, end)), slice(frame, end, frame.length));
            }
            if (choice == SWAPS.length + 1 && end - start >= 2 && frame[start] == '"' && frame[end - 1] == '"') {
                return concat(slice(frame, 0, start), slice(frame, start + 1, end - 1), slice(frame, end, frame.length));
            }
            return replace(frame, start, end, SWAPS[choice % SWAPS.length]);
        }
    },

    /**
     * Replaces one value by a number of absurd size or form: {@code 1e400}, 400 digits, {@code -0}, {@code NaN},
     * numbers just beyond {@code int} and {@code long}, digits of other scripts, and the like as strings.
     */
    HUGE_NUMBER(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int value = tokens.pick(tokens::isValue, at);
            if (value < 0) {
                return frame;
            }
            return replace(frame, tokens.start(value), tokens.valueEnd(value), NUMBERS.get(arg % NUMBERS.size()));
        }
    },

    /** Wraps one value (or the whole frame) in 65, 1,000 or 10,000 arrays or objects, closed or left open. */
    DEEP_NESTING(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int value = tokens.pick(tokens::isValue, at);
            int start = value < 0 ? 0 : tokens.start(value);
            int end = value < 0 ? frame.length : tokens.valueEnd(value);
            int depth = DEPTHS[arg % DEPTHS.length];
            boolean objects = arg / DEPTHS.length % 2 == 1;
            boolean closed = arg / DEPTHS.length / 2 % 3 != 0;
            byte[] inner = start == end ? new byte[] {'1'} : slice(frame, start, end);
            String open = (objects ? "{\"a\":" : "[").repeat(depth);
            String close = closed ? (objects ? "}" : "]").repeat(depth) : "";
            return concat(slice(frame, 0, start), ascii(open), inner, ascii(close), slice(frame, end, frame.length));
        }
    },

    /**
     * Puts bytes that are not UTF-8 into a string (or, when {@code arg} says so or there is none, anywhere): a stray
     * continuation byte, {@code 0xFF}, overlong forms, an encoded surrogate, a code point beyond U+10FFFF, a
     * character cut short.
     */
    INVALID_UTF8(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            byte[] bad = INVALID[arg % INVALID.length];
            int string = tokens.pick(i -> tokens.kind(i) == STRING, at);
            if (string < 0 || arg / INVALID.length % 4 == 3) {
                return insert(frame, at % (frame.length + 1), bad);
            }
            int inside = tokens.end(string) - tokens.start(string) - 1;
            int position = tokens.start(string) + 1 + (inside <= 0 ? 0 : arg / INVALID.length % inside);
            return insert(frame, position, bad);
        }
    },

    /**
     * Sends one member twice: the same again, again with {@code null}, again with a value of another type, or a
     * different value first (so the original comes last).
     */
    DUPLICATE_KEY(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int name = tokens.pick(tokens::isMember, at);
            if (name < 0) {
                return frame;
            }
            byte[] key = slice(frame, tokens.start(name), tokens.end(name));
            int valueEnd = tokens.valueEnd(name + 2);
            byte[] value = slice(frame, tokens.start(name + 2), valueEnd);
            byte[] other = ascii(SWAPS[arg / 4 % SWAPS.length]);
            return switch (arg % 4) {
                case 0 -> insert(frame, valueEnd, concat(ascii(","), key, ascii(":"), value));
                case 1 -> insert(frame, valueEnd, concat(ascii(","), key, ascii(":null")));
                case 2 -> insert(frame, valueEnd, concat(ascii(","), key, ascii(":"), other));
                default -> insert(frame, tokens.start(name), concat(key, ascii(":"), other, ascii(",")));
            };
        }
    },

    /** Overwrites one byte. */
    FLIP_BYTE(false) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            if (frame.length == 0) {
                return new byte[] {(byte) arg};
            }
            byte[] out = frame.clone();
            int position = at % out.length;
            out[position] = (byte) (out[position] == (byte) arg ? arg ^ 0x20 : arg);
            return out;
        }
    },

    /** Removes one token, or one whole value with what it contains. */
    DROP_TOKEN(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            if (tokens.count() == 0) {
                return frame;
            }
            int token = at % tokens.count();
            int end = arg % 2 == 1 && tokens.isValue(token) ? tokens.valueEnd(token) : tokens.end(token);
            return replace(frame, tokens.start(token), end, "");
        }
    },

    /** Copies one token (a name, a bracket, a colon, a value) to before another. */
    COPY_TOKEN(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            if (tokens.count() == 0) {
                return frame;
            }
            int token = at % tokens.count();
            int target = arg % tokens.count();
            return insert(frame, tokens.start(target), slice(frame, tokens.start(token), tokens.end(token)));
        }
    },

    /**
     * Repeats one array element or object member 2 to 201 times (a book of many levels, a batch of many items), or
     * fewer where the frame would grow beyond 64 KiB ({@link #repeat} makes longer frames).
     */
    REPEAT(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int[] span = repeatable(tokens, at);
            if (span == null) {
                return frame;
            }
            int room = (GROWTH_LIMIT - frame.length) / (span[1] - span[0] + 1);
            return repeated(frame, span, Math.min(2 + arg % 200, Math.max(room, 1)));
        }
    },

    /**
     * Replaces the text of one string (a name or a value): empty, blank, longer than decoders keep, Unicode blanks
     * around it, escaped controls, lone surrogates, characters of four bytes, text that looks like a credential.
     */
    ODD_STRING(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int string = tokens.pick(i -> tokens.kind(i) == STRING, at);
            if (string < 0) {
                return frame;
            }
            int start = tokens.start(string);
            int end = tokens.end(string);
            String content = end - start >= 2 ? new String(frame, start + 1, end - start - 2, StandardCharsets.UTF_8)
                    : "";
            int choice = arg % (STRINGS.size() + 3);
            String replaced = choice == STRINGS.size() ? "  " + content + "  "
                    : choice == STRINGS.size() + 1 ? "\u00a0" + content + "\u2003"
                    : choice == STRINGS.size() + 2 ? content.toUpperCase(java.util.Locale.ROOT) + content
                    : STRINGS.get(choice);
            return replace(frame, start, end, "\"" + replaced + "\"");
        }
    },

    /** Writes one string's characters as {@code \\uXXXX} escapes: the same value, read by a decoder's slow path. */
    ESCAPE_STRING(true) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            int string = tokens.pick(i -> tokens.kind(i) == STRING && tokens.end(i) - tokens.start(i) >= 2
                    && frame[tokens.end(i) - 1] == '"', at);
            if (string < 0) {
                return frame;
            }
            int start = tokens.start(string);
            int end = tokens.end(string);
            String content = new String(frame, start + 1, end - start - 2, StandardCharsets.UTF_8);
            StringBuilder escaped = new StringBuilder("\"");
            boolean all = arg % 2 == 0;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                boolean escapable = c != '\\' && (i == 0 || content.charAt(i - 1) != '\\');
                if (escapable && (all || i % 2 == 0)) {
                    escaped.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                            .append(HEX[c & 0xf]);
                } else {
                    escaped.append(c);
                }
            }
            return replace(frame, start, end, escaped.append('"').toString());
        }
    },

    /**
     * Replaces or wraps the whole frame: empty, blanks, a bare scalar, the frame in an array, twice, with text after
     * it, behind a byte-order mark, in UTF-16, with a NUL after it, with CR LF between its tokens.
     */
    WHOLE_FRAME(false) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            String text = new String(frame, StandardCharsets.UTF_8);
            return switch (arg % 16) {
                case 0 -> new byte[0];
                case 1 -> " ".getBytes(StandardCharsets.US_ASCII);
                case 2 -> " \n\t\r ".getBytes(StandardCharsets.US_ASCII);
                case 3 -> "null".getBytes(StandardCharsets.US_ASCII);
                case 4 -> "0".getBytes(StandardCharsets.US_ASCII);
                case 5 -> "\"x\"".getBytes(StandardCharsets.US_ASCII);
                case 6 -> "[]".getBytes(StandardCharsets.US_ASCII);
                case 7 -> "{}".getBytes(StandardCharsets.US_ASCII);
                case 8 -> concat("[".getBytes(StandardCharsets.US_ASCII), frame, "]".getBytes(StandardCharsets.US_ASCII));
                case 9 -> concat(frame, frame);
                case 10 -> concat(frame, " x".getBytes(StandardCharsets.US_ASCII));
                case 11 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, frame);
                case 12 -> text.getBytes(arg / 16 % 2 == 0 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
                case 13 -> concat(frame, new byte[] {0});
                case 14 -> text.replace(",", ",\r\n").replace(":", " :\t").getBytes(StandardCharsets.UTF_8);
                default -> concat(frame, "\n".repeat(1 + at % 4).getBytes(StandardCharsets.US_ASCII));
            };
        }
    },

    /** Sends the frame, or up to 300 random bytes, as a binary message where a text message is expected. */
    AS_BINARY(false) {
        @Override
        byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg) {
            if (arg % 2 == 0) {
                return frame;
            }
            byte[] random = new byte[at % 301];
            new java.util.Random(((long) at << 32) | arg).nextBytes(random);
            return random;
        }
    };

    /** No mutation makes a frame longer than this (1 MiB). */
    public static final int MAX_LENGTH = 1 << 20;

    /** {@link #REPEAT} grows a frame to this length (64 KiB) at the most. */
    private static final int GROWTH_LIMIT = 1 << 16;

    /** The mutated frame, for this mutator and its two numbers (negative numbers count as their absolute value). */
    public FuzzFrame apply(FuzzFrame frame, int at, int arg) {
        int where = at & Integer.MAX_VALUE;
        int how = arg & Integer.MAX_VALUE;
        byte[] bytes = mutate(frame.bytes(), aims ? new JsonTokens(frame.bytes()) : null, where, how);
        boolean text = this == AS_BINARY ? false : frame.text();
        return bytes.length > MAX_LENGTH ? frame : new FuzzFrame(bytes, text);
    }

    /** Whether it aims at tokens (otherwise it is given none). */
    private final boolean aims;

    Mutator(boolean aims) {
        this.aims = aims;
    }

    abstract byte[] mutate(byte[] frame, JsonTokens tokens, int at, int arg);

    /**
     * The frame with one array element or object member (picked by {@code at}, as {@link #REPEAT} picks it) repeated
     * until the frame is about {@code length} bytes long: for checking that time and memory grow in proportion to a
     * frame (a book of 100,000 levels, a batch of 100,000 items). The frame unchanged when it has nothing to repeat.
     */
    public static FuzzFrame repeat(FuzzFrame frame, int at, int length) {
        int[] span = repeatable(new JsonTokens(frame.bytes()), at & Integer.MAX_VALUE);
        if (span == null) {
            return frame;
        }
        int times = Math.max(1, (length - frame.length()) / (span[1] - span[0] + 1));
        return new FuzzFrame(repeated(frame.bytes(), span, times), frame.text());
    }
}

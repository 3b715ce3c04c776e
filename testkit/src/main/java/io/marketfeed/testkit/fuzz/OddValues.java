package io.marketfeed.testkit.fuzz;

import java.util.List;

/**
 * The values {@link Mutator}s put into frames: replacements of another type, numbers of absurd size or form,
 * nesting depths, bytes that are not UTF-8, odd strings. Each list keeps its order, so that a mutation's
 * {@code arg} picks the same value every time and a shrunk {@code arg} picks an earlier one.
 *
 * <p>Constants, shared freely: the arrays are never written.
 */
final class OddValues {

    static final char[] HEX = "0123456789abcdef".toCharArray();

    static final String[] SWAPS = {"0", "-1", "1.5", "\"\"", "\"x\"", "\"32.50\"", "true", "false", "null",
        "{}", "[]", "{\"a\":1}", "[1,\"x\",null]", "[[]]", "[{}]", "\"[]\"", "\"{}\"", "\" \""};

    static final List<String> NUMBERS = List.of("1e400", "-1e400", "1E-400", "1e999999999", "-1e-999999999",
            "9".repeat(400), "-" + "9".repeat(400), "1" + "0".repeat(399) + "." + "0".repeat(399) + "1", "-0", "-0.0",
            "0." + "0".repeat(80) + "1", "0e0", "1e-64", "1e65", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN",
            "Infinity", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483647",
            "2147483648", "-2147483649", "4294967296", "999999999999999999", "1000000000000000000", "1e18",
            "123456789012345678.9", "0.1234567890123456789", "\"1e400\"", "\" 12 \"", "\"+1\"", "\".5\"", "\"5.\"",
            "\"1_000\"", "\"0x1F\"", "\"\\uff11\\uff12\"", "\"\u0663\u0664\"", "\"12\u00a0\"", "\"1,5\"", "\"1e5\"",
            "\"-\"", "\"--1\"", "\"0.0.1\"", "\"" + "9".repeat(70) + "\"", "1.5e308", "4.9e-324", "1e-400");

    static final int[] DEPTHS = {65, 1_000, 10_000};

    static final byte[][] INVALID = {{(byte) 0x80}, {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf},
        {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xc3}};

    static final List<String> STRINGS = List.of("", " ", "\\t", "a".repeat(600), "9".repeat(70),
            "\u2003x\u2003", "\\u2003x", "\\u0000", "x\\u0000", "\\ud800", "\\udc00\\ud800", "\ud83d\ude00",
            "\\\\", "\\\"", "\\/", "\\n", "\u00e9", "\u0662\u0662\u0662\u0662", "*", "shmk_test_FAKE_not_a_key_abcdef",
            "tk_0123456789abcdef", "token=abc&key=def", "x".repeat(513), "\\u001f", "a\tb", "'", "null",
            "true", "1", "-1", "2026-02-10T12:19:22Z", "9999-12-31T23:59:59.999999999+18:00", "0000-01-01T00:00:00Z",
            "2026-02-30T25:61:61", "1677831545217", "99999999999999999999", "\u202eRTL", "a\\u0000b");

    private OddValues() {
    }
}

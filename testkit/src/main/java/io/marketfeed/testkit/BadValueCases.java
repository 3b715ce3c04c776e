package io.marketfeed.testkit;

/**
 * The values that cannot be read exactly, for a provider's tests of {@code DecodeOutput.badValue}: each as written in
 * JSON, with the sample the decoder must report it with, as CSV for {@code @CsvSource(textBlock = ...)}:
 *
 * {@snippet :
 * @ParameterizedTest(name = "price {0}")
 * @CsvSource(textBlock = BadValueCases.NUMBERS)
 * void aTradeWithABadPriceIsDropped(String json, String sample) {
 *     session.decode(InboundFrame.text(BadValueCases.with(TRADE, "price", json), NOW), out);
 *     assertEquals(List.of(BadValue.dropped("price", BadValueCases.sample(sample))), out.calls());
 * }
 * }
 *
 * <p>Constants and pure functions; thread safe.
 */
public final class BadValueCases {

    /** Where a number must be: NaN, an infinity, a number beyond sane bounds, a boolean, null, "", a structure. */
    public static final String NUMBERS = """
            '"NaN"', NaN
            '"-Infinity"', -Infinity
            1e100, 1e100
            '"1e100"', 1e100
            true, true
            null, null
            '""', ''
            '{"v":1}', {…}
            '[1]', […]
            """;

    /** Where a symbol must be: any string or number is one, these are not. */
    public static final String SYMBOLS = """
            null, null
            '""', ''
            '{"v":1}', {…}
            '[1]', […]
            """;

    private BadValueCases() {
    }

    /** The sample column as the decoder reports it (CSV reads an empty one as null). */
    public static String sample(String csv) {
        return csv == null ? "" : csv;
    }

    /**
     * {@code json} with the value of its first {@code "field":} (a string, number or literal) replaced by
     * {@code value} as written.
     */
    public static String with(String json, String field, String value) {
        String key = "\"" + field + "\":";
        int start = json.indexOf(key);
        if (start < 0) {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        start += key.length();
        int end = start;
        if (json.charAt(end) == '"') {
            end = json.indexOf('"', end + 1) + 1;
        } else {
            while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
                end++;
            }
        }
        return json.substring(0, start) + value + json.substring(end);
    }
}

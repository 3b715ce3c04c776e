package io.marketfeed.provider.alltick;

import java.util.List;

/** Small text rules shared by the codec and the session: JSON strings out, server text quoted in messages. */
final class AlltickText {

    /** Longest piece of server text quoted in a message (a code, a {@code msg}, a parse error). */
    private static final int MAX_QUOTED = 120;

    private AlltickText() {
    }

    /** Appends {@code value} as a JSON string literal. */
    static void appendJsonString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /** Server text fit to quote in a message: control characters escaped, length bounded. */
    static String quoted(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 1);
        for (int i = 0; i < text.length() && out.length() < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.length() > MAX_QUOTED ? out + "…" : out.toString();
    }

    /** {@code [A, B, C]}, or the first {@code max} and how many more. */
    static String list(List<String> codes, int max) {
        if (codes.size() <= max) {
            return String.join(", ", codes);
        }
        return String.join(", ", codes.subList(0, max)) + " and " + (codes.size() - max) + " more";
    }
}

package io.marketfeed.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for a {@link ProtocolScript}: writing string arrays and reading a string or a string array
 * field out of a client message, without a JSON library. Lenient: it reads flat requests such as
 * {@code {"action":"subscribe","symbols":["2222","1120"]}}, the first occurrence of the field anywhere in the
 * text, and never throws on malformed input.
 */
public final class ScriptJson {

    /**
     * A JSON string literal, its content in group 1. Unrolled ({@code [^"\\]*(\\.[^"\\]*)*}) rather than
     * {@code ([^"\\]|\\.)*}: Java's regex engine recurses once per repetition of an alternation group and
     * overflows the stack on long strings; this form recurses once per escape only.
     */
    private static final String STRING = "\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"";

    private ScriptJson() {
    }

    /** A JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A JSON array of string literals: {@code ["2222","1120"]}. */
    public static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** The strings of the array field {@code field} (numbers are read as their text); empty when absent. */
    public static List<String> stringArray(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*+:\\s*+\\[([^\\]]*+)\\]").matcher(json);
        List<String> out = new ArrayList<>();
        if (!matcher.find()) {
            return out;
        }
        Matcher item = Pattern.compile(STRING + "|(-?[0-9][0-9.eE+-]*+)").matcher(matcher.group(1));
        while (item.find()) {
            out.add(item.group(1) != null ? unescape(item.group(1)) : item.group(2));
        }
        return out;
    }

    /** The value of the string field {@code field}; empty when absent or not a string. */
    public static Optional<String> string(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*+:\\s*+" + STRING).matcher(json);
        return matcher.find() ? Optional.of(unescape(matcher.group(1))) : Optional.empty();
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    if (i + 4 < text.length()) {
                        try {
                            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                            i += 4;
                            break;
                        } catch (NumberFormatException e) {
                            // Not an escape after all: keep the text as it is.
                        }
                    }
                    out.append('u');
                    break;
                default: out.append(next); break;
            }
        }
        return out.toString();
    }
}

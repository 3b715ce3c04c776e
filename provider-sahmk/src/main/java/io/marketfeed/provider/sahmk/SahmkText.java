package io.marketfeed.provider.sahmk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text rules shared by the codec and the session: JSON strings out, server prose in. */
final class SahmkText {

    /** A SAHMK key as it could appear if a server message ever echoed one. */
    private static final Pattern KEY_LIKE = Pattern.compile("shmk_[A-Za-z]+_[^\\s\"',;&]+");

    /** {@code Invalid symbol: 9999}, {@code Invalid symbols: 9999, 8888}, {@code Unknown symbol = X}. */
    private static final Pattern INVALID_SYMBOLS =
            Pattern.compile("(?i)\\b(?:invalid|unknown)\\s+symbols?\\s*[:=]\\s*(.+)$");

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,;\\[\\]\"']+");

    private SahmkText() {
    }

    /** Server text with anything that looks like a SAHMK key masked. */
    static String redact(String text) {
        return KEY_LIKE.matcher(text).replaceAll("shmk_****");
    }

    /** The symbols an error message lists after "Invalid symbol(s):"; empty when it lists none. */
    static List<String> invalidSymbols(String message) {
        Matcher matcher = INVALID_SYMBOLS.matcher(message.strip());
        List<String> symbols = new ArrayList<>();
        if (matcher.find()) {
            for (String token : LIST_SEPARATORS.split(matcher.group(1))) {
                String symbol = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
                if (SahmkSymbols.isWellFormed(symbol)) {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
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
}

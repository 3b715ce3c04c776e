package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text rules shared by the codec and the session: JSON strings out, server prose in. */
final class TickAtlasText {

    /** A TickAtlas key ({@code tk_...}, legacy {@code claw_...}) as it could appear if a server message echoed one. */
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(tk|claw)_[A-Za-z0-9_\\-]{4,}");

    /** {@code Unknown symbol: XYZ}, {@code Invalid symbols: A, B}, {@code Unsupported symbol = X}. */
    private static final Pattern NAMED_SYMBOLS =
            Pattern.compile("(?i)\\b(?:invalid|unknown|unsupported)\\s+symbols?\\s*[:=]\\s*(.+)$");

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,;\\[\\]\"']+");

    /** Longest piece of server text quoted in a message. */
    private static final int MAX_QUOTED = 160;

    private TickAtlasText() {
    }

    /** Server text fit to quote: the configured key and anything that looks like a key masked, length bounded. */
    static String quoted(String text, Secret key) {
        if (text == null) {
            return "";
        }
        String safe = text;
        if (!key.isEmpty()) {
            safe = safe.replace(key.reveal(), "****");
        }
        safe = KEY_LIKE.matcher(safe).replaceAll("$1_****");
        return safe.length() > MAX_QUOTED ? safe.substring(0, MAX_QUOTED) + "…" : safe;
    }

    /** The symbols an error message lists after "Unknown symbol(s):"; empty when it lists none. */
    static List<String> namedSymbols(String message) {
        Matcher matcher = NAMED_SYMBOLS.matcher(message.strip());
        List<String> symbols = new ArrayList<>();
        if (matcher.find()) {
            for (String token : LIST_SEPARATORS.split(matcher.group(1))) {
                String symbol = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
                if (TickAtlasSymbols.isWellFormed(symbol)) {
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

package io.marketfeed.toolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading what a server says in prose. (Making it safe to show, masking credentials and capping its length, is the
 * runtime's job: a provider passes server text on as it is.) Stateless.
 */
public final class ServerText {

    /** {@code Invalid symbol: 9999}, {@code Unknown symbols: A, B}, {@code Unsupported symbol = X}. */
    private static final Pattern NAMED_SYMBOLS =
            Pattern.compile("(?i)\\b(?:invalid|unknown|unsupported)\\s+symbols?\\s*[:=]\\s*(.+)$");

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,;\\[\\]\"']+");

    private ServerText() {
    }

    /**
     * The symbols an error message names after "invalid symbol(s):", "unknown symbol(s):" or "unsupported
     * symbol(s):", in order; empty when it names none. Only tokens the provider's rule accepts count (a full stop
     * ending the sentence is not part of the last one).
     */
    public static List<String> namedSymbols(String message, Predicate<String> wellFormed) {
        List<String> symbols = new ArrayList<>();
        if (message == null) {
            return symbols;
        }
        Matcher matcher = NAMED_SYMBOLS.matcher(message.strip());
        if (matcher.find()) {
            for (String token : LIST_SEPARATORS.split(matcher.group(1))) {
                String symbol = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
                if (!symbol.isEmpty() && wellFormed.test(symbol)) {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
    }
}

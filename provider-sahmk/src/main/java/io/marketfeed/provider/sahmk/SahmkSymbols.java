package io.marketfeed.provider.sahmk;

import java.util.regex.Pattern;

/**
 * What a SAHMK symbol looks like. Tadawul codes are four digits ({@code 2222}); the rule is looser so that
 * indices and future instruments are not refused locally, but tight enough that nothing in a symbol needs
 * escaping in JSON and a typo with a blank or a comma is caught before connecting.
 */
final class SahmkSymbols {

    /** The whole market; quotes channel only, and Enterprise only on the server side. */
    static final String WHOLE_MARKET = "*";

    static final String RULE = "1-12 characters of 0-9, A-Z, a-z, '.', '_' or '-' (for example 2222)";

    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Za-z._-]{1,12}");

    private SahmkSymbols() {
    }

    static boolean isWellFormed(String symbol) {
        return SYMBOL.matcher(symbol).matches();
    }

    /** What the quotes channel accepts: a symbol, or the whole market. */
    static boolean isQuoteSymbol(String symbol) {
        return symbol.equals(WHOLE_MARKET) || isWellFormed(symbol);
    }
}

package io.marketfeed.provider.tickatlas;

import java.util.regex.Pattern;

/**
 * What a TickAtlas symbol looks like: {@code EURUSD}, {@code XAUUSD}, {@code BTCUSD}. The rule is looser than the
 * six-letter pairs so that indices and future instruments are not refused locally, but tight enough that nothing
 * in a symbol needs escaping in JSON and a typo with a blank or a comma is caught before connecting.
 */
final class TickAtlasSymbols {

    static final String RULE = "1-20 characters of A-Z, a-z, 0-9, '.', '_', '-' or '/' (for example EURUSD)";

    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Za-z._/-]{1,20}");

    private TickAtlasSymbols() {
    }

    static boolean isWellFormed(String symbol) {
        return SYMBOL.matcher(symbol).matches();
    }
}

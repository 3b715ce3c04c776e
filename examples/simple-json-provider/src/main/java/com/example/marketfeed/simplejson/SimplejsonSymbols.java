package com.example.marketfeed.simplejson;

import java.util.regex.Pattern;

/** The server's symbol rule: {@code BASE-QUOTE} in upper-case letters and digits, such as {@code BTC-USD}. */
final class SimplejsonSymbols {

    /** The rule in words, for messages. */
    static final String RULE = "BASE-QUOTE in upper-case letters and digits, such as BTC-USD";

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,16}-[A-Z0-9]{1,16}");

    private SimplejsonSymbols() {
    }

    /** Whether the server accepts {@code symbol}. */
    static boolean isSymbol(String symbol) {
        return SYMBOL.matcher(symbol).matches();
    }
}

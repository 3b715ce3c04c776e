package io.marketfeed.provider.alltick;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What AllTick product codes look like, and which endpoint each one goes to. Stock and index codes carry a
 * market suffix ({@code AAPL.US}, {@code 700.HK}, {@code 600519.SH}); forex, metals, crypto, energy and CFD codes
 * do not ({@code EURUSD}, {@code XAUUSD}, {@code BTCUSDT}, {@code GOLD}). Explicit routes from the configuration
 * beat the form. Immutable and thread safe.
 */
final class AlltickCodes {

    /** For messages: what a code must look like. */
    static final String RULE = "an AllTick product code such as AAPL.US, 700.HK, 600519.SH (stocks) or EURUSD, "
            + "XAUUSD, BTCUSDT, GOLD (everything else); codes are case-sensitive";

    /** A code with a market suffix of two to four letters after its last dot. */
    private static final Pattern SUFFIXED = Pattern.compile("(.+)\\.([A-Za-z]{2,4})");

    private final Map<String, AlltickChannel> routes;

    /** @param routes explicit code → endpoint overrides */
    AlltickCodes(Map<String, AlltickChannel> routes) {
        this.routes = Map.copyOf(requireNonNull(routes, "routes is null"));
    }

    /** The endpoint a code goes to: its explicit route, else the one its form says. */
    AlltickChannel channelOf(String code) {
        AlltickChannel routed = routes.get(code);
        return routed != null ? routed : byForm(code);
    }

    /** The endpoint a code's form says: a market suffix in capitals means a stock or index. */
    static AlltickChannel byForm(String code) {
        Matcher matcher = SUFFIXED.matcher(code);
        return matcher.matches() && isUpperCase(matcher.group(2)) ? AlltickChannel.STOCK : AlltickChannel.OTHER;
    }

    /**
     * Why a code cannot be right, or empty. Only one mistake is recognisable without the product list: a market
     * suffix in lower case ({@code aapl.us}), which AllTick refuses because codes are case-sensitive.
     */
    static Optional<String> problem(String code) {
        if (code.isBlank()) {
            return Optional.of("is blank; expected " + RULE);
        }
        if (code.equals("*")) {
            return Optional.of("is a whole-market wildcard, which AllTick does not have; list the codes");
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.of("contains white space or a control character; expected " + RULE);
            }
        }
        Matcher matcher = SUFFIXED.matcher(code);
        if (matcher.matches() && !isUpperCase(matcher.group(2))) {
            return Optional.of("has a market suffix in lower case; AllTick codes are case-sensitive: did you mean '"
                    + code.toUpperCase(Locale.ROOT) + "'?");
        }
        return Optional.empty();
    }

    private static boolean isUpperCase(String letters) {
        return letters.equals(letters.toUpperCase(Locale.ROOT));
    }
}

package io.marketfeed.provider.screener;

import java.util.Optional;

/**
 * What a Screener target looks like: a stock code ({@code 005930}), a market ({@code KOSPI}), a sector
 * ({@code IT}) or a watchlist id. The server checks nothing but counts, so the rule only catches what cannot be
 * one. Stateless.
 */
final class ScreenerSymbols {

    static final int MAX_LENGTH = 64;
    static final String RULE = "a code such as 005930, KOSPI or IT, without spaces, at most 64 characters";

    private ScreenerSymbols() {
    }

    /** Whether a configured target follows {@link #RULE}. */
    static boolean isWellFormed(String target) {
        return !target.isEmpty() && target.length() <= MAX_LENGTH
                && target.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /** Why a target of {@code topic} cannot be subscribed (the runtime refuses white space itself), or empty. */
    static Optional<String> problem(String topic, String target) {
        if (target.equals("*")) {
            return Optional.of("the Screener has no whole-market wildcard; list the " + topic
                    + " targets explicitly");
        }
        return target.length() > MAX_LENGTH ? Optional.of("longer than 64 characters") : Optional.empty();
    }
}

package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One subscribed symbol of a connection at a moment.
 *
 * @param symbol the symbol, as subscribed
 * @param lastEventAt when its last market-data event (quote, trade, candle, book) arrived; null when none has yet
 * @param quiet whether it is in a quiet spell: reported as {@code symbol-quiet} (silent for the provider's
 *     threshold while other symbols of its connection streamed) and not streaming again since
 */
public record SymbolActivity(String symbol, Instant lastEventAt, boolean quiet) {

    public SymbolActivity {
        requireNonNull(symbol, "symbol is null");
    }
}

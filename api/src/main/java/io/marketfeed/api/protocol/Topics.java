package io.marketfeed.api.protocol;

/** Names of the standard topics a subscription can be for. Providers may add their own. */
public final class Topics {
    /** Latest prices: {@link io.marketfeed.api.model.Quote}. */
    public static final String QUOTES = "quotes";
    /** Executions: {@link io.marketfeed.api.model.Trade}. */
    public static final String TRADES = "trades";
    /** Order books: {@link io.marketfeed.api.model.BookSnapshot}. */
    public static final String BOOK = "book";
    /** Bars: {@link io.marketfeed.api.model.Candle}. */
    public static final String CANDLES = "candles";

    private Topics() {
    }
}

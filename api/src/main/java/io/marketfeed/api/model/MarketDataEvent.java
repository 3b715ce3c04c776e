package io.marketfeed.api.model;

/** Market data about one symbol (quotes, trades, candles, books). */
public interface MarketDataEvent {

    /** The provider's symbol, as subscribed. */
    String symbol();

    /** The topic this data belongs to; see {@link io.marketfeed.api.protocol.Topics}. */
    String topic();
}

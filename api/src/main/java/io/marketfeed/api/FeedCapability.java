package io.marketfeed.api;

/**
 * What a provider declares it can do. Capabilities are declared, never discovered by exception.
 */
public enum FeedCapability {
    /** Emits {@link io.marketfeed.api.model.Quote} events. */
    QUOTES,
    /** Emits {@link io.marketfeed.api.model.Trade} events. */
    TRADES,
    /** Emits {@link io.marketfeed.api.model.Candle} events. */
    CANDLES,
    /** Emits {@link io.marketfeed.api.model.BookSnapshot} events. */
    BOOK,
    /** Emits {@link io.marketfeed.api.model.MarketStatus} events. */
    MARKET_STATUS,
    /** Emits {@link io.marketfeed.api.model.Alert} events. */
    ALERTS,
    /** Can subscribe to a whole market with one wildcard symbol. */
    SUBSCRIBE_ALL,
    /** A subscribe request replaces the previous list (AllTick) instead of adding to it. */
    REPLACE_SEMANTICS,
    /** The server announces limits at runtime; they override configured ones. */
    RUNTIME_LIMITS,
    /** Pushes or subscriptions cost credits against a quota. */
    CREDITS,
    /** The client must send application-level heartbeats. */
    CLIENT_HEARTBEAT,
    /** Authenticates with a first message after the handshake. */
    FIRST_MESSAGE_AUTH
}

package io.marketfeed.api.model;

import java.time.Instant;

/** Any event a feed delivers: market data or a lifecycle event. */
public sealed interface MarketEvent
        permits Quote, Trade, Candle, BookSnapshot, MarketStatus, Alert, ConnectionEvent, GapEvent, StatusEvent {

    /** The provider id, such as {@code sahmk}. */
    String provider();

    /** When the frame carrying this event was received locally (or the lifecycle event happened). */
    Instant receivedAt();

    /** The event's type name as written in the jsonl output: {@code quote}, {@code trade}, … */
    String type();
}

package io.marketfeed.api.model;

/** The aggressor side of a trade. */
public enum Side {
    BUY, SELL, UNKNOWN
}

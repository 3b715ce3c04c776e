package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One price level of a book.
 *
 * @param orders number of orders at the level; nullable
 */
public record BookLevel(BigDecimal price, BigDecimal size, Integer orders) {
    public BookLevel {
        requireNonNull(price, "price is null");
        requireNonNull(size, "size is null");
    }
}

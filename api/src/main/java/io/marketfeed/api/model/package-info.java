/**
 * The normalized, immutable event model.
 *
 * <p>Every event has a {@code provider} id and {@code receivedAt}, the local time its frame arrived.
 * Prices and sizes are exact {@link java.math.BigDecimal}s built from the provider's text: {@code 651.12}
 * on the wire is {@code 651.12} here, never a binary double. Components documented as <em>nullable</em>
 * are {@code null} when the provider did not send that value; all others are never null.
 */
package io.marketfeed.api.model;

/**
 * The provider SPI of Marketfeed.
 *
 * <p>A provider is a small plugin that <em>declares facts</em> about a vendor's WebSocket protocol and
 * <em>translates frames</em> into the normalized event model of {@link io.marketfeed.api.model}. It never
 * opens sockets, sleeps, loops, schedules or reconnects: the runtime owns time. The entry point is
 * {@link io.marketfeed.api.MarketFeedProvider}, found with {@link java.util.ServiceLoader}.
 *
 * <p>This module depends on the JDK only.
 */
package io.marketfeed.api;

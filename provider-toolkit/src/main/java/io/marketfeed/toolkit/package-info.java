/**
 * What a provider's decoder needs on the hot path, written once: a streaming JSON parser reused per connection
 * ({@link io.marketfeed.toolkit.JsonFrames}), exact decimals ({@link io.marketfeed.toolkit.ExactDecimal}) and
 * ISO-8601 instants ({@link io.marketfeed.toolkit.IsoInstant}) read from the parser's characters, interned
 * symbols ({@link io.marketfeed.toolkit.Symbols}), and the scalar fields of an object kept as text until
 * asked for ({@link io.marketfeed.toolkit.TextFields}), epoch timestamps told apart by magnitude
 * ({@link io.marketfeed.toolkit.EpochTime}) and envelope whole numbers ({@link io.marketfeed.toolkit.WholeNumber}).
 * With them a quote frame decodes into one event and nothing else. Beside the hot path: JSON text for control
 * frames ({@link io.marketfeed.toolkit.JsonText}), a provider's own settings checks
 * ({@link io.marketfeed.toolkit.SettingsChecks}) and reading a server's prose
 * ({@link io.marketfeed.toolkit.ServerText}).
 *
 * <p>Optional for plugins: the SPI ({@code marketfeed-api}) stays JDK-only; a plugin that uses the toolkit
 * bundles it (and jackson-core) with its jar.
 */
package io.marketfeed.toolkit;

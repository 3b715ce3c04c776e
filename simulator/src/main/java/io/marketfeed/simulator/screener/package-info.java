/**
 * A Stock Screening Platform (Korean market, {@code kcenon/screener_system}) server that behaves as that server's
 * code does (protocols.md §2), with switches for the docs-shaped variants. See {@link
 * io.marketfeed.simulator.screener.ScreenerSimulation}.
 */
package io.marketfeed.simulator.screener;

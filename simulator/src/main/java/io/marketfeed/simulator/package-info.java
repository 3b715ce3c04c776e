/**
 * Protocol-faithful WebSocket servers for testing market-data clients, independent of the Marketfeed api and
 * runtime modules.
 *
 * <p>{@link io.marketfeed.simulator.SimulatorServer} hosts one or more
 * {@link io.marketfeed.simulator.Simulation}s on one Jetty port, by path, plus the HTTP control endpoint
 * {@code /control/*}. Each simulation offers {@link io.marketfeed.simulator.FaultControl} (drop, stall, close,
 * malformed frames, ghost data, refuse, limits) and {@link io.marketfeed.simulator.Observation} (handshakes,
 * received messages, subscriptions, duplicate subscribes, close codes, waiting). Providers build on
 * {@link io.marketfeed.simulator.AbstractSimulation}; market data comes from the seeded, exact-decimal
 * {@link io.marketfeed.simulator.MarketGenerator}.
 */
package io.marketfeed.simulator;

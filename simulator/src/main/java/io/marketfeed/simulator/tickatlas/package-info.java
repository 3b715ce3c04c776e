/**
 * The TickAtlas simulation: forex, metals and crypto quotes with M1 bars on {@code /ws/v1/quotes}, authenticated
 * by a first message under a deadline, with plans, a connection limit per key, a daily credit quota charged per
 * push, and server heartbeats, as described in protocols.md §3. Entry point:
 * {@link io.marketfeed.simulator.tickatlas.TickAtlasSimulation}.
 */
package io.marketfeed.simulator.tickatlas;

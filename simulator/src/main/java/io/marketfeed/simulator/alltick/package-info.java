/**
 * A protocol-faithful AllTick server on AllTick's official {@code cmd_id} protocol (protocols.md §4): the stock
 * endpoint {@code /quote-stock-b-ws-api} and the other endpoint {@code /quote-b-ws-api}, the token as a query
 * parameter, replace semantics per command list per connection, request pacing, the heartbeat timeout, per-plan
 * connection and code limits with silent over-limit dropping, and the {@code ret} error codes. Entry point:
 * {@link io.marketfeed.simulator.alltick.AlltickSimulation}.
 */
package io.marketfeed.simulator.alltick;

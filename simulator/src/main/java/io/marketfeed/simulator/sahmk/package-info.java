/**
 * The SAHMK (Saudi Tadawul) simulation: quotes, depth and trades channels with {@code api_key} authentication and
 * plan limits, as described in protocols.md §1. Entry point: {@link io.marketfeed.simulator.sahmk.SahmkSimulation}.
 */
package io.marketfeed.simulator.sahmk;

package io.marketfeed.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one provider at a moment.
 *
 * @param provider provider id
 * @param failed whether it stopped on a fatal classification
 * @param failure what to fix, when failed; nullable
 * @param wanted subscriptions wanted
 * @param rejected subscriptions the server refused, with the reason
 * @param unassigned subscriptions that do not fit the limits (max connections × max symbols)
 * @param ghostFramesDropped data frames dropped because nobody wanted their symbol
 * @param decodeErrors frames whose decoding threw (a provider bug); the frame is skipped, the connection kept
 * @param credits credit accounting, when the provider is metered
 * @param connections the provider's connections
 */
public record ProviderSnapshot(String provider, boolean failed, String failure, int wanted,
        Map<String, String> rejected, int unassigned, long ghostFramesDropped, long decodeErrors,
        Optional<CreditSnapshot> credits, List<ConnectionSnapshot> connections) {
}

package io.marketfeed.app.ops;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the run is ready ({@code /ready}): the feed has started, every enabled provider has all its connections
 * {@link ConnectionState#CONNECTED connected} or deliberately {@link ConnectionState#PAUSED paused}, and none has
 * failed. Otherwise the reasons, one per provider or connection that is not, naming it; a failed provider's reason
 * is the runtime's own, which says what to fix and never holds a credential (it is cleaned by a {@link Redactor}
 * all the same).
 *
 * @param reasons why it is not ready; empty when it is
 */
public record Readiness(List<String> reasons) {

    public Readiness {
        reasons = List.copyOf(reasons);
    }

    /** Whether every check passed. */
    public boolean ready() {
        return reasons.isEmpty();
    }

    /**
     * The readiness of {@code snapshot}.
     *
     * @param stopping why the run is stopping; null while it is not
     */
    public static Readiness of(FeedSnapshot snapshot, String stopping, Redactor redactor) {
        requireNonNull(snapshot, "snapshot is null");
        List<String> reasons = new ArrayList<>();
        if (stopping != null) {
            reasons.add("the run is stopping: " + redactor.clean(stopping));
        }
        if (snapshot.startedAt() == null) {
            reasons.add("the feed has not started yet");
        } else if (snapshot.providers().isEmpty()) {
            reasons.add("no provider state could be read (see the log)");
        }
        for (ProviderSnapshot provider : snapshot.providers()) {
            if (provider.failed()) {
                reasons.add(provider.provider() + ": failed: " + redactor.clean(provider.failure()));
                continue;
            }
            if (provider.connections().isEmpty()) {
                reasons.add(provider.provider() + ": no connection yet");
            }
            for (ConnectionSnapshot connection : provider.connections()) {
                if (connection.state() != ConnectionState.CONNECTED && connection.state() != ConnectionState.PAUSED) {
                    reasons.add(connection.connection() + ": " + connection.state().label()
                            + (connection.reason() == null ? "" : " (" + redactor.clean(connection.reason()) + ")"));
                }
            }
        }
        return new Readiness(reasons);
    }
}

package io.marketfeed.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.runtime.FeedSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Readiness}: ready only when every provider's connections are connected or paused and none failed. */
class TestReadiness {

    private static final String KEY = "shmk_test_FAKE_not_a_key";
    private final Redactor redactor = Redactor.of(List.of(KEY));

    @Test
    void connectedOrPausedEverywhereIsReady() {
        Readiness readiness = Readiness.of(Snapshots.started(List.of(
                Snapshots.provider("sahmk", List.of(Snapshots.connection("sahmk/quotes#1", ConnectionState.CONNECTED,
                        4, 4, Snapshots.NOW, null))),
                Snapshots.provider("tickatlas", List.of(Snapshots.connection("tickatlas/quotes#1",
                        ConnectionState.PAUSED, 4, 4, Snapshots.NOW, "quota_exceeded"))))), null, redactor);

        assertTrue(readiness.ready(), readiness.reasons().toString());
    }

    @Test
    void eachConnectionThatIsNotUpIsNamedWithItsState() {
        Readiness readiness = Readiness.of(Snapshots.started(List.of(Snapshots.busy("alltick"),
                Snapshots.provider("screener", List.of()))), null, redactor);

        assertEquals(List.of("alltick/quotes#2: reconnecting (closed 1006)", "screener: no connection yet"),
                readiness.reasons());
    }

    @Test
    void aFailedProviderGivesItsFailureWithoutCredentials() {
        Readiness readiness = Readiness.of(Snapshots.started(List.of(Snapshots.failed("sahmk",
                "SAHMK authentication failed (close 4401) for key " + KEY + "; check the key"))), null, redactor);

        assertEquals(List.of("sahmk: failed: SAHMK authentication failed (close 4401) for key ****; check the key"),
                readiness.reasons());
    }

    @Test
    void notStartedAndStoppingAreNotReady() {
        assertEquals(List.of("the feed has not started yet"), Readiness.of(new FeedSnapshot(Snapshots.NOW, null,
                List.of(), List.of()), null, redactor).reasons());
        Readiness stopping = Readiness.of(Snapshots.started(List.of(Snapshots.provider("sahmk", List.of(
                Snapshots.connection("sahmk/quotes#1", ConnectionState.CONNECTED, 1, 1, null, null))))),
                "SIGTERM", redactor);
        assertEquals(List.of("the run is stopping: SIGTERM"), stopping.reasons());
    }
}

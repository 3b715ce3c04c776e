package io.marketfeed.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ProviderSnapshot.BadValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exit summary names the values that could not be read, by field and outcome, and only when there are any. */
class TestRunSummaryBadValues {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private static ProviderSnapshot provider(String id, List<BadValue> bad) {
        return new ProviderSnapshot(id, false, null, 1, Map.of(), 0, 0, 0, Optional.empty(), List.of(),
                new ProviderSnapshot.Activity(Map.of("quote", 20L), 0, 0, 0, Duration.ofSeconds(10)), bad);
    }

    @Test
    void badValuesHaveALineOfTheirOwn() {
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW.minusSeconds(10), List.of(
                provider("sahmk", List.of(new BadValue("bid", 0, 1_200), new BadValue("price", 3, 1))),
                provider("alltick", List.of())), List.of());
        assertEquals(List.of("Summary after 10.0 s:",
                "  sahmk: 20 quotes (2/s); 0 reconnects, 0 gaps, 0 decode problems, connected 10.0 s",
                "    sahmk bad values: 1,204 (bid: 1,200 kept without it; price: 3 events dropped, 1 kept without it)",
                "  alltick: 20 quotes (2/s); 0 reconnects, 0 gaps, 0 decode problems, connected 10.0 s"),
                RunSummary.lines(snapshot));
    }
}

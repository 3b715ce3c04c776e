package io.marketfeed.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ProviderSnapshot.BadValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Values a decoder could not read exactly, from the snapshot to {@code /metrics}
 * ({@code marketfeed_bad_values_total{provider,field,outcome}}), {@code /status} and the JMX numbers.
 */
class TestBadValueNumbers {

    private final ProviderSnapshot sahmk = new ProviderSnapshot("sahmk", false, null, 2, Map.of(), 0, 0, 0,
            Optional.empty(), List.of(), ProviderSnapshot.Activity.NONE,
            List.of(new BadValue("bid", 0, 12), new BadValue("price", 3, 1)));
    private final FeedSnapshot snapshot = Snapshots.started(List.of(sahmk, Snapshots.provider("alltick", List.of())));
    private final Readings.Reading reading = new Readings.Reading(snapshot, List.of(), 0);

    @Test
    void eachFieldAndOutcomeIsOneCounter() {
        List<FeedNumbers.Sample> bad = FeedNumbers.of(snapshot, List.of()).stream()
                .filter(sample -> sample.metric() == FeedMetric.BAD_VALUES).toList();
        assertEquals(List.of(
                new FeedNumbers.Sample(FeedMetric.BAD_VALUES, List.of("sahmk", "bid", "dropped"), 0),
                new FeedNumbers.Sample(FeedMetric.BAD_VALUES, List.of("sahmk", "bid", "absent"), 12),
                new FeedNumbers.Sample(FeedMetric.BAD_VALUES, List.of("sahmk", "price", "dropped"), 3),
                new FeedNumbers.Sample(FeedMetric.BAD_VALUES, List.of("sahmk", "price", "absent"), 1)), bad,
                "a provider without bad values has no such counter");
        assertEquals(16, sahmk.totalBadValues());
    }

    @Test
    void prometheusNamesThemAsTheIssueAsks() {
        try (PrometheusMeters meters = new PrometheusMeters()) {
            String text = meters.scrape(reading);
            assertTrue(text.contains("# TYPE marketfeed_bad_values_total counter"), text);
            assertTrue(text.contains(
                    "marketfeed_bad_values_total{field=\"price\",outcome=\"dropped\",provider=\"sahmk\"} 3.0"), text);
            assertTrue(text.contains(
                    "marketfeed_bad_values_total{field=\"bid\",outcome=\"absent\",provider=\"sahmk\"} 12.0"), text);
        }
    }

    @Test
    void statusShowsThemByField() throws IOException {
        byte[] json = StatusJson.write(reading, new Readiness(List.of()), Redactor.of(List.of()));
        JsonNode providers = new ObjectMapper().readTree(json).path("providers");
        JsonNode bad = providers.get(0).path("badValues");
        assertEquals(3, bad.path("price").path("dropped").asLong());
        assertEquals(1, bad.path("price").path("absent").asLong());
        assertEquals(12, bad.path("bid").path("absent").asLong());
        assertEquals(0, providers.get(1).path("badValues").size(), providers.toString());
    }
}

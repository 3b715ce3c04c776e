package io.marketfeed.it.replay;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.record.Replay;
import io.marketfeed.runtime.record.ReplaySummary;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * What replaying a recording folder through one provider gave: its events in order, the summary, and the notices.
 * Providers are found by id as the runner finds them (their {@code META-INF/services} entry), with their shipped
 * defaults under the given settings.
 *
 * @param events every event, in the recorded order
 * @param summary the replay's summary
 * @param notices the replay's notices, one line each
 */
record Replayed(List<MarketEvent> events, ReplaySummary summary, List<String> notices) {

    /** Replays {@code directory} at full speed through provider {@code id} built from {@code settings}. */
    static Replayed of(String id, Map<String, ?> settings, Path directory) {
        MarketFeedProvider provider = provider(id);
        List<MarketEvent> events = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        try {
            ReplaySummary summary = Replay.builder()
                    .provider(id, provider.create(ProviderDefaults.with(id, settings)), provider.spiVersion())
                    .listener(events::add).notices(notices::add).build().run(directory);
            return new Replayed(List.copyOf(events), summary, List.copyOf(notices));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarketFeedProvider provider(String id) {
        for (MarketFeedProvider provider : ServiceLoader.load(MarketFeedProvider.class)) {
            if (provider.id().equals(id)) {
                return provider;
            }
        }
        return fail("no provider '" + id + "' on the test class path: add it to integration-tests/pom.xml");
    }

    /** Not the runtime's own lifecycle events (connections, gaps, status): what a decoder emits. */
    static boolean decoded(MarketEvent event) {
        return !(event instanceof ConnectionEvent || event instanceof GapEvent || event instanceof StatusEvent);
    }

    /** The events in the documented jsonl form, one line each. */
    static List<String> jsonl(List<MarketEvent> events) {
        JsonlEncoder encoder = new JsonlEncoder();
        events.forEach(encoder::write);
        return encoder.text().lines().toList();
    }
}

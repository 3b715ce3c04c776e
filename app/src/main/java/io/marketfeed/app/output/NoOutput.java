package io.marketfeed.app.output;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedSnapshot;
import java.util.function.Supplier;

/**
 * {@code --format none}: takes every event and writes nothing. The feed still receives, decodes, delivers
 * and counts everything (the exit summary says how much): for measuring the runtime without an output.
 */
public final class NoOutput implements EventOutput {

    @Override
    public void start(Supplier<FeedSnapshot> snapshots) {
        // Nothing to show.
    }

    @Override
    public void onEvent(MarketEvent event) {
        // Discarded on purpose.
    }

    @Override
    public void close() {
        // Nothing buffered.
    }
}

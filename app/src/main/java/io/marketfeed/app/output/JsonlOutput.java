package io.marketfeed.app.output;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes one JSON object per event and line to stdout, in large chunks: events are encoded into a buffer,
 * which is written whenever it holds {@value #CHUNK} bytes and whenever the output has caught up with the
 * feed ({@link #onCaughtUp()}), so that a consumer such as {@code jq} sees every line at once when the feed
 * is quiet, and a busy feed costs one write per chunk, not per event. When stdout goes away (for example
 * {@code | head}), the run is asked to stop.
 *
 * <p>Called by the runtime on the listener's single delivery thread; {@link #close()} after delivery ended.
 */
public final class JsonlOutput implements EventOutput {

    private static final int CHUNK = 64 * 1024;

    private final PrintStream out;
    private final CompletableFuture<String> stopRequest;
    private final JsonlEncoder encoder = new JsonlEncoder();

    /**
     * @param out stdout
     * @param stopRequest completed when stdout can no longer be written
     */
    public JsonlOutput(PrintStream out, CompletableFuture<String> stopRequest) {
        this.out = out;
        this.stopRequest = stopRequest;
    }

    @Override
    public void start(Supplier<FeedSnapshot> snapshots) {
        // Nothing to prepare: lines are written as events arrive.
    }

    @Override
    public void onEvent(MarketEvent event) {
        encoder.write(event);
        if (encoder.size() >= CHUNK) {
            write(false);
        }
    }

    @Override
    public void onCaughtUp() {
        write(true);
    }

    private void write(boolean flush) {
        try {
            encoder.writeTo(out);
        } catch (IOException e) {
            // PrintStream does not throw; checkError below tells.
        }
        if (flush) {
            out.flush();
        }
        if (out.checkError()) {
            stopRequest.complete("stdout was closed");
        }
    }

    @Override
    public void close() {
        write(true);
    }
}

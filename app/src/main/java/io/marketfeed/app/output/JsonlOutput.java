package io.marketfeed.app.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes one JSON object per event and line to stdout. Each line is flushed as soon as it is complete, so a
 * consumer such as {@code jq} sees it at once; the generator buffers the fields of a line, so that is one
 * write per event. When stdout goes away (for example {@code | head}), the run is asked to stop.
 *
 * <p>Called by the runtime on the listener's single delivery thread; {@link #close()} after delivery ended.
 */
public final class JsonlOutput implements EventOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final PrintStream out;
    private final CompletableFuture<String> stopRequest;
    private final JsonGenerator generator;

    /**
     * @param out stdout
     * @param stopRequest completed when stdout can no longer be written
     */
    public JsonlOutput(PrintStream out, CompletableFuture<String> stopRequest) {
        this.out = out;
        this.stopRequest = stopRequest;
        try {
            this.generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One object per line: the separator goes after each object, not before the next.
        generator.setRootValueSeparator(null);
    }

    @Override
    public void start(Supplier<FeedSnapshot> snapshots) {
        // Nothing to prepare: lines are written as events arrive.
    }

    @Override
    public void onEvent(MarketEvent event) {
        try {
            JsonlEncoder.write(event, generator);
            generator.writeRaw('\n');
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.checkError()) {
            stopRequest.complete("stdout was closed");
        }
    }

    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}

package io.marketfeed.connect;

import io.marketfeed.api.SettingsException;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Marketfeed runtime for one shard ({@link TaskSettings}) and hands its events to Connect as records
 * ({@link RecordFactory}), in batches. The feed's lossless listener puts events into an {@link EventHandoff};
 * {@link #poll()} drains it, waiting up to {@value #POLL_WAIT_MILLIS} ms when it is empty.
 *
 * <p>Resuming: the committed offset of the shard's partition gives the last sequence number, which this run
 * continues, and the last event's time: the first market data of this run is preceded by a gap record from that
 * time to its own receive time, covering the window in which no task streamed the shard (a worker lost, a restart).
 *
 * <p>A fatal provider error (a refused key) makes the next {@code poll()} throw once everything queued is returned,
 * with the runtime's text of what to fix: Connect marks the task FAILED with it.
 *
 * <p>Threads: Connect calls {@link #start}, {@link #poll} and {@link #stop} on the task's thread; the feed's
 * listener thread only touches the handoff.
 */
public final class MarketfeedSourceTask extends SourceTask {

    static final long POLL_WAIT_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(MarketfeedSourceTask.class);

    private TaskSettings settings;
    private EventHandoff handoff;
    private MarketFeed feed;
    private CompletableFuture<List<String>> failed;
    private RecordFactory records;
    private long seq;
    private Instant gapFrom;
    private List<MarketEvent> batch;

    @Override
    public String version() {
        return ConnectorVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            settings = TaskSettings.read(props, MarketfeedSourceTask.class.getClassLoader());
            handoff = new EventHandoff(settings.queueCapacity());
            feed = MarketFeed.builder()
                    .provider(settings.binding().provider(), settings.providerSettings())
                    .listener(settings.name(), handoff, DeliveryPolicy.lossless(settings.queueCapacity()))
                    .build();
        } catch (SettingsException | IllegalArgumentException e) {
            throw new ConnectException("Marketfeed task configuration: " + e.getMessage());
        }
        Map<String, Object> offset = context.offsetStorageReader().offset(settings.partition());
        seq = number(offset, RecordFactory.OFFSET_SEQ);
        long lastTime = number(offset, RecordFactory.OFFSET_TIME);
        gapFrom = offset == null ? null : Instant.ofEpochMilli(lastTime);
        records = new RecordFactory(settings.topics(), settings.partition(), System.currentTimeMillis(),
                settings.structValues());
        batch = new ArrayList<>(settings.batchSize());
        failed = feed.allProvidersFailed();
        feed.start();
        LOG.info("{}: streaming {} symbols on at most {} connection(s) with credential {}{}", settings.name(),
                settings.symbols().size(), settings.connections(), settings.credentialLabel(), gapFrom == null
                ? "" : "; resuming after sequence " + seq + " (last event at " + gapFrom + ")");
    }

    private static long number(Map<String, Object> offset, String key) {
        return offset != null && offset.get(key) instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        batch.clear();
        if (handoff.drain(batch, settings.batchSize(), POLL_WAIT_MILLIS) == 0) {
            if (failed.isDone()) {
                throw new ConnectException(settings.name() + ": " + String.join("; ", failed.join())
                        + (settings.credentials() == 0 ? "" : " (in this connector the key is credential "
                        + settings.credentialLabel() + " in '" + ConnectorConfig.CREDENTIALS + "')")
                        + "; fix the connector configuration, then restart the task");
            }
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(batch.size() + 1);
        for (MarketEvent event : batch) {
            if (gapFrom != null && event instanceof MarketDataEvent) {
                out.add(records.record(gap(event.receivedAt()), ++seq));
                gapFrom = null;
            }
            out.add(records.record(event, ++seq));
        }
        return out;
    }

    private GapEvent gap(Instant to) {
        return new GapEvent(settings.binding().id(), settings.name(), settings.symbols(), gapFrom, to,
                "no task streamed this shard since its last committed record (worker lost, task moved or restarted)",
                to);
    }

    @Override
    public void stop() {
        if (handoff != null) {
            handoff.close();
        }
        if (feed != null) {
            feed.close();
        }
    }
}

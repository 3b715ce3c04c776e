package io.marketfeed.sink.kafka;

import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.Sink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces events to Kafka, one topic per event kind, with an idempotent producer ({@code acks=all}); the record
 * layout is documented on {@link KafkaSinkFactory}.
 *
 * <p>{@link #write} sends the whole batch, flushes, and returns only when the brokers acknowledged every record;
 * otherwise it throws and the writer sends the whole batch again, which may repeat records already
 * acknowledged. Kafka's idempotence removes the duplicates of the producer's own retries only within one
 * producer session, and the writer reopens the sink (a new producer) after a failure, so consumers drop
 * repeats by the {@code marketfeed-run} and {@code marketfeed-seq} headers.
 *
 * <p>Used by one writer thread, as {@link Sink} requires; the producer's own I/O thread is internal to it.
 */
public final class KafkaSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaSettings settings;
    private final EventRecords records;
    private Producer<String, byte[]> producer;

    KafkaSink(KafkaSettings settings) {
        this.settings = settings;
        this.records = new EventRecords(settings.topics);
    }

    @Override
    public void open() throws IOException {
        if (producer != null) {
            throw new IllegalStateException(settings + " is already open");
        }
        if (settings.createTopics) {
            KafkaTopics.createMissing(settings);
        }
        try {
            producer = new KafkaProducer<>(settings.producerProperties());
        } catch (KafkaException e) {
            throw new IOException(settings + ": could not start the producer (" + describe(e)
                    + "); check bootstrap-servers and properties", e);
        }
        LOG.info("{}: producing to the topics {}", settings, settings.topics.values());
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        if (producer == null) {
            throw new IllegalStateException(settings + " is not open");
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        try {
            for (ProducerRecord<String, byte[]> record : records.of(batch)) {
                Future<RecordMetadata> future = producer.send(record);
                sent.add(future);
                if (future.isDone() && failure(future) != null) {
                    break; // such as no metadata within max.block.ms: the next sends would wait as long again
                }
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new IOException(settings + ": could not send " + batch + " (" + describe(e) + ")", e);
        }
        int failed = batch.size() - sent.size();
        Throwable first = null;
        for (Future<RecordMetadata> future : sent) {
            Throwable cause = failure(future);
            if (cause != null) {
                failed++;
                first = first == null ? cause : first;
            }
        }
        if (first != null) {
            throw new IOException(settings + ": " + failed + " of " + batch.size() + " events of " + batch
                    + " were not acknowledged (" + describe(first) + "); check that the brokers run and that the"
                    + " topics exist", first);
        }
    }

    /** The failure of a completed send, or null when the broker acknowledged it. */
    private static Throwable failure(Future<RecordMetadata> future) throws IOException {
        try {
            future.get(); // done: flush() waited for every record
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking an acknowledgement", e);
        }
    }

    @Override
    public void close() {
        Producer<String, byte[]> closing = producer;
        producer = null;
        if (closing != null) {
            try {
                closing.close(CLOSE_TIMEOUT); // unsent records are dropped: the writer still has their batch
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the producer failed: {}", settings, describe(e));
            }
        }
    }

    /** An exception as one line: its class and message, and those of its causes when they add something. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable e = error; e != null && text.length() < 500; e = e.getCause()) {
            String line = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (text.indexOf(line) < 0) {
                text.append(text.length() == 0 ? "" : "; caused by ").append(line);
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return text.toString().replace('\n', ' ');
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}

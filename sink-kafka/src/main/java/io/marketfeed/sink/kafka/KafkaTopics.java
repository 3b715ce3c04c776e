package io.marketfeed.sink.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a Kafka sink that do not exist yet, with the configured partitions and replication
 * factor; existing topics are left as they are.
 *
 * <p>Stateless; called by the sink's writer thread from {@code open()}.
 */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private KafkaTopics() {
    }

    /**
     * Lists the cluster's topics and creates the sink's missing ones, all within the settings' admin timeout.
     *
     * @throws IOException when the cluster cannot be reached or refuses to create a topic
     */
    static void createMissing(KafkaSettings settings) throws IOException {
        long timeout = settings.apiTimeoutMillis() + 1_000L;
        Admin admin = null;
        try {
            admin = Admin.create(settings.adminProperties());
            Set<String> existing = await(admin.listTopics().names(), timeout, settings, "list the topics");
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : settings.topics.values()) {
                if (!existing.contains(topic) && missing.stream().noneMatch(t -> t.name().equals(topic))) {
                    missing.add(new NewTopic(topic, settings.partitions, settings.replicationFactor));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
                try {
                    await(result.getValue(), timeout, settings, "create the topic " + result.getKey());
                    created.add(result.getKey());
                } catch (IOException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // made meanwhile by another runner: fine
                        throw e;
                    }
                }
            }
            LOG.info("{}: created the topics {} ({} partitions, replication factor {})", settings, created,
                    settings.partitions, settings.replicationFactor);
        } catch (KafkaException e) {
            throw failure(settings, "reach the cluster", e);
        } finally {
            if (admin != null) {
                admin.close(CLOSE_TIMEOUT); // a call that timed out may still be pending: do not wait for it
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future, long timeoutMillis, KafkaSettings settings, String what)
            throws IOException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(settings, what, e.getCause());
        } catch (TimeoutException e) {
            throw failure(settings, what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(settings, what, e);
        }
    }

    private static IOException failure(KafkaSettings settings, String what, Throwable cause) {
        return new IOException(settings + ": could not " + what + " (" + KafkaSink.describe(cause)
                + "); check bootstrap-servers, that the brokers run and that this client may create topics (or set"
                + " create-topics = false)", cause);
    }
}

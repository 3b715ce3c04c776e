package io.marketfeed.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Marketfeed provider as a Kafka Connect source: the symbols are sharded over tasks within the provider's
 * per-credential connection limits ({@link ShardPlanner}), and each task runs the Marketfeed runtime for its shard
 * ({@link MarketfeedSourceTask}). Configuration, record schema and deployment: docs/kafka-connect.md.
 *
 * <p>Exactly-once (KIP-618): {@link #exactlyOnceSupport} is {@code SUPPORTED}. Every record carries its source
 * offset, and a worker with {@code exactly.once.source.support=enabled} commits each poll batch with its offsets in
 * one transaction, so no event is written twice; a WebSocket cannot be rewound, so what a task missed while it was
 * down is not re-read but declared by a gap record. The connector does not define its own transaction boundaries
 * ({@link #canDefineTransactionBoundaries} is {@code UNSUPPORTED}): a market feed has no natural boundary, and the
 * worker's per-poll (or interval) transactions are right for it.
 *
 * <p>Connect calls it from its herder thread; {@link #taskConfigs} reads what {@link #start} stored.
 */
public final class MarketfeedSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MarketfeedSourceConnector.class);

    private volatile Map<String, String> props = Map.of();

    @Override
    public String version() {
        return ConnectorVersion.VERSION;
    }

    @Override
    public ConfigDef config() {
        return ConnectorConfig.DEFINITION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        // Fails the connector at once, with every problem, rather than each task later.
        plan(parseTasksMax(props.get("tasks.max")));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MarketfeedSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        ConnectorPlan plan = plan(maxTasks);
        plan.plan().note().ifPresent(note -> LOG.info("Marketfeed {}: {}", plan.binding().id(), note));
        LOG.info("Marketfeed {}: {} task(s); {}", plan.binding().id(), plan.plan().shards().size(),
                plan.plan().shards().stream().map(shard -> "task " + shard.index() + ": " + shard.symbols().size()
                        + " symbols, credential " + (shard.credential() + 1) + ", at most " + shard.connections()
                        + " connection(s)").toList());
        return plan.taskConfigs(props);
    }

    private ConnectorPlan plan(int maxTasks) {
        try {
            return ConnectorPlan.of(props, maxTasks);
        } catch (ConnectorPlan.Problems e) {
            throw new ConnectException("Marketfeed connector configuration: " + e.getMessage());
        }
    }

    /**
     * The {@link ConfigDef} checks, then the provider's own (the runner's messages), each problem on the key that sets
     * the value and starting with its name, as the REST API lists the messages without their keys.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        config.configValues().forEach(value -> values.put(value.name(), value));
        if (values.values().stream().anyMatch(value -> !value.errorMessages().isEmpty())) {
            return config;
        }
        int maxTasks = parseTasksMax(connectorConfigs.get("tasks.max"));
        try {
            ConnectorPlan.of(connectorConfigs, maxTasks);
        } catch (ConnectorPlan.Problems e) {
            for (ConnectorPlan.Problem problem : e.problems()) {
                String key = problem.key();
                values.computeIfAbsent(key, name -> new ConfigValue(name, connectorConfigs.get(name), List.of(),
                        new ArrayList<>())).addErrorMessage(key + " " + problem.message());
            }
        }
        return new Config(List.copyOf(values.values()));
    }

    private static int parseTasksMax(String text) {
        try {
            return text == null ? 1 : Math.max(1, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 1; // Connect reports tasks.max itself
        }
    }

    @Override
    public void stop() {
        props = Map.of();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }
}

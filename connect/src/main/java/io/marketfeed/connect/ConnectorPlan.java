package io.marketfeed.connect;

import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's configuration checked the way the runner checks a provider block (the provider's own
 * {@code create()}), and the shards that follow from it for a {@code tasks.max}. Used by
 * {@link MarketfeedSourceConnector#validate} to show every problem on its key, and by {@code taskConfigs}.
 *
 * <p>Immutable; any thread.
 */
final class ConnectorPlan {

    /** Task keys added to the connector's configuration; see {@link TaskSettings}. */
    static final String TASK_SHARD = "task.shard";
    static final String TASK_CREDENTIAL = "task.credential";
    static final String TASK_SYMBOLS = "task.symbols";
    static final String TASK_CONNECTIONS = "task.connections";

    /** One problem, on the connector key to change. */
    record Problem(String key, String message) {
    }

    /** Every problem found; none of them quotes a credential. */
    static final class Problems extends RuntimeException {
        private final List<Problem> problems;

        Problems(List<Problem> problems) {
            super(problems.stream().map(p -> p.key() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }

    private final ProviderBinding binding;
    private final ShardPlanner.Plan plan;

    private ConnectorPlan(ProviderBinding binding, ShardPlanner.Plan plan) {
        this.binding = binding;
        this.plan = plan;
    }

    /**
     * @throws Problems with every problem, each on its key
     */
    static ConnectorPlan of(Map<String, String> props, int maxTasks) {
        ConnectorConfig config;
        try {
            config = new ConnectorConfig(props);
        } catch (ConfigException e) {
            // ConfigDef's own checks ran first (validate stops at them); what is left is a wrong topics pair.
            throw new Problems(List.of(new Problem(ConnectorConfig.TOPICS, String.valueOf(e.getMessage()))));
        }
        ProviderBinding binding;
        try {
            binding = ProviderBinding.find(config.provider(), ConnectorPlan.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new Problems(List.of(new Problem(ConnectorConfig.PROVIDER, e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> options = ConnectorConfig.providerOptions(props);
        for (String unknown : binding.unknownOptions(options)) {
            problems.add(new Problem(ConnectorConfig.PROVIDER_OPTION + unknown, "is not an option of provider "
                    + binding.id() + (unknown.equals("api-key") || unknown.equals("token")
                    ? "; the credential goes in credentials" : "; see its reference.conf or the README's table")));
        }
        List<String> credentials = config.credentials();
        List<String> symbols = config.symbols();
        FeedProtocol protocol = null;
        try {
            protocol = binding.create(binding.settings(options, config.symbolsSetting(), symbols,
                    credentials.isEmpty() ? null : credentials.get(0), 0));
        } catch (SettingsException e) {
            for (SettingsProblem problem : e.problems()) {
                String key = binding.connectorKey(problem, config.symbolsSetting());
                problems.add(new Problem(key, ProviderBinding.message(problem, key)));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(ConnectorConfig.PROVIDER_OPTION + "*", String.valueOf(e.getMessage())));
        }
        for (int i = 1; i < credentials.size() && protocol != null; i++) {
            try {
                binding.create(binding.settings(options, config.symbolsSetting(), symbols, credentials.get(i), 0));
            } catch (SettingsException e) {
                problems.add(new Problem(ConnectorConfig.CREDENTIALS, "credential " + (i + 1) + " of "
                        + credentials.size() + " is refused by " + binding.id() + ": " + e.problems().get(0).message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new Problems(problems);
        }
        try {
            ShardPlanner.Plan plan = ShardPlanner.plan(symbolsByEndpoint(protocol, symbols), limits(protocol),
                    Math.max(1, credentials.size()), maxTasks);
            return new ConnectorPlan(binding, plan);
        } catch (ShardPlanner.PlanException e) {
            throw new Problems(List.of(new Problem(e.setting(), e.getMessage())));
        }
    }

    /** Each endpoint's symbols, in the order configured; a symbol goes where its first subscription goes. */
    private static Map<String, List<String>> symbolsByEndpoint(FeedProtocol protocol, List<String> symbols) {
        Set<String> wanted = new LinkedHashSet<>(symbols);
        Map<String, List<String>> byEndpoint = new LinkedHashMap<>();
        Set<String> placed = new LinkedHashSet<>();
        for (Subscription subscription : protocol.configuredSubscriptions()) {
            if (wanted.contains(subscription.symbol()) && placed.add(subscription.symbol())) {
                byEndpoint.computeIfAbsent(protocol.endpointFor(subscription).id(), id -> new ArrayList<>())
                        .add(subscription.symbol());
            }
        }
        return byEndpoint;
    }

    private static Map<String, Limits> limits(FeedProtocol protocol) {
        Map<String, Limits> limits = new LinkedHashMap<>();
        protocol.endpoints().forEach(endpoint -> limits.put(endpoint.id(), protocol.limits(endpoint)));
        return limits;
    }

    ProviderBinding binding() {
        return binding;
    }

    ShardPlanner.Plan plan() {
        return plan;
    }

    /** Each task's configuration: the connector's (credential references kept as written) and its shard. */
    List<Map<String, String>> taskConfigs(Map<String, String> connectorProps) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (ShardPlanner.Shard shard : plan.shards()) {
            Map<String, String> props = new LinkedHashMap<>(connectorProps);
            props.put(TASK_SHARD, Integer.toString(shard.index()));
            props.put(TASK_CREDENTIAL, Integer.toString(shard.credential()));
            props.put(TASK_SYMBOLS, String.join(",", shard.symbols()));
            props.put(TASK_CONNECTIONS, Integer.toString(shard.connections()));
            configs.add(props);
        }
        return configs;
    }
}

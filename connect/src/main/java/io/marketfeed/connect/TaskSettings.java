package io.marketfeed.connect;

import io.marketfeed.api.ProviderSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A task's configuration: the connector's, plus its shard as {@link ConnectorPlan#taskConfigs} wrote it
 * ({@code task.shard}, {@code task.credential}, {@code task.symbols}, {@code task.connections}). The credential list
 * stays under {@code credentials} as the connector was given it, so that the worker stores the task configuration
 * with the {@code ${...}} reference in place of the keys, and resolves it again when the task starts; the task picks
 * its credential by index. {@link #toString()} shows no credential.
 *
 * <p>Immutable; any thread.
 */
record TaskSettings(ConnectorConfig config, ProviderBinding binding, ProviderSettings providerSettings, int shard,
        int credential, int credentials, List<String> symbols, int connections) {

    TaskSettings {
        symbols = List.copyOf(symbols);
    }

    /**
     * @throws IllegalArgumentException when the configuration is wrong (the provider's own checks run when the feed
     *     is built)
     */
    static TaskSettings read(Map<String, String> props, ClassLoader loader) {
        ConnectorConfig config = new ConnectorConfig(props);
        ProviderBinding binding = ProviderBinding.find(config.provider(), loader);
        int shard = integer(props, ConnectorPlan.TASK_SHARD);
        int credential = integer(props, ConnectorPlan.TASK_CREDENTIAL);
        int connections = integer(props, ConnectorPlan.TASK_CONNECTIONS);
        List<String> symbols = Arrays.stream(props.getOrDefault(ConnectorPlan.TASK_SYMBOLS, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> keys = config.credentials();
        if (!keys.isEmpty() && credential >= keys.size()) {
            throw new IllegalArgumentException("the task was planned with credential " + (credential + 1) + " but "
                    + ConnectorConfig.CREDENTIALS + " now lists " + keys.size() + "; the connector reconfigures its"
                    + " tasks");
        }
        ProviderSettings settings = binding.settings(ConnectorConfig.providerOptions(props), config.symbolsSetting(),
                symbols, keys.isEmpty() ? null : keys.get(credential), connections);
        return new TaskSettings(config, binding, settings, shard, credential, keys.size(), symbols, connections);
    }

    private static int integer(Map<String, String> props, String key) {
        String text = props.get(key);
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number; task configurations are made by the"
                    + " connector, not by hand");
        }
    }

    /** The source partition: {@code {provider, shard}}. */
    Map<String, String> partition() {
        return Map.of("provider", binding.id(), "shard", Integer.toString(shard));
    }

    /** The feed listener's name, the gap records' connection, and the log lines' prefix. */
    String name() {
        return binding.id() + "/connect-shard-" + shard;
    }

    String credentialLabel() {
        return credentials == 0 ? "(none)" : (credential + 1) + " of " + credentials;
    }

    Map<String, String> topics() {
        return config.topics();
    }

    boolean structValues() {
        return config.structValues();
    }

    int queueCapacity() {
        return config.queueCapacity();
    }

    int batchSize() {
        return config.batchSize();
    }

    @Override
    public String toString() {
        return "TaskSettings[" + name() + ", " + symbols.size() + " symbols, credential " + credentialLabel()
                + ", at most " + connections + " connection(s)]";
    }
}

package io.marketfeed.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

/** The connector without a cluster: validation in the providers' words, and the task configurations. */
class MarketfeedSourceConnectorTest {

    private static final String KEYS = "tk_test_FAKE_first,tk_test_FAKE_second";

    private static Map<String, String> tickatlas(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "connector.class", MarketfeedSourceConnector.class.getName(),
                "tasks.max", "4",
                "provider", "tickatlas",
                "symbols", "EURUSD,GBPUSD,USDJPY,XAUUSD,AUDUSD,USDCAD",
                "credentials", KEYS,
                "provider.endpoint", "ws://127.0.0.1:9",
                "provider.limits.max-symbols-per-connection", "2"));
        props.putAll(extra);
        return props;
    }

    /** Each key with an error, and its messages. */
    private static Map<String, List<String>> errors(Map<String, String> props) {
        return new MarketfeedSourceConnector().validate(props).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        assertEquals(Map.of(), errors(tickatlas(Map.of())));
    }

    @Test
    void problemsAreTheProvidersOwnMessagesOnTheKeyThatSetsThem() {
        Map<String, List<String>> errors = errors(tickatlas(Map.of("provider.heartbeat.timeout", "soon",
                "provider.endpoint", "http://127.0.0.1:9/?api_key=tk_test_FAKE_inline", "provider.colour", "red")));
        assertTrue(errors.get("provider.heartbeat.timeout").get(0).contains("must be a duration such as"), errors.toString());
        assertTrue(errors.get("provider.endpoint").stream().anyMatch(m -> m.contains("must use the ws or wss scheme")),
                errors.toString());
        assertTrue(errors.get("provider.colour").get(0).contains("is not an option of provider tickatlas"));
        assertFalse(errors.toString().contains("tk_test_FAKE"), "no credential in a message: " + errors);
    }

    @Test
    void unknownProviderNamesThoseFound() {
        Map<String, List<String>> errors = errors(tickatlas(Map.of("provider", "tickatlaz")));
        assertTrue(errors.get("provider").get(0).contains("no provider 'tickatlaz'")
                && errors.get("provider").get(0).contains("tickatlas"), errors.toString());
    }

    @Test
    void missingCredentialSaysToSetCredentials() {
        Map<String, List<String>> errors = errors(tickatlas(Map.of("credentials", "")));
        assertTrue(errors.get("credentials").get(0).startsWith("credentials is required by this provider: set credentials"),
                errors.toString());
    }

    @Test
    void tooFewKeysForTheSymbolsIsAnErrorOnCredentials() {
        Map<String, List<String>> errors = errors(tickatlas(Map.of("credentials", "tk_test_FAKE_only")));
        assertTrue(errors.get("credentials").get(0).contains("1 credential(s) x 2 connection(s) each allow 2"),
                errors.toString());
    }

    @Test
    void taskConfigsKeepTheCredentialsAsGivenAndNameTheirShare() {
        MarketfeedSourceConnector connector = new MarketfeedSourceConnector();
        ConnectException unresolved = assertThrows(ConnectException.class, () -> connector.start(tickatlas(Map.of(
                "credentials", "${file:/run/secrets/marketfeed.properties:keys}"))),
                "a reference the worker did not resolve is one credential, too few for the symbols");
        assertTrue(unresolved.getMessage().contains("add credentials"), unresolved.getMessage());

        connector.start(tickatlas(Map.of()));
        List<Map<String, String>> tasks = connector.taskConfigs(4);
        assertEquals(3, tasks.size(), "3 groups of 2 symbols: 3 tasks, not 4");
        for (Map<String, String> task : tasks) {
            assertEquals(KEYS, task.get("credentials"), "the whole value, so the worker can store its reference");
        }
        assertEquals(List.of("0", "0", "1"), tasks.stream().map(t -> t.get("task.credential")).toList());
        assertEquals("EURUSD,GBPUSD", tasks.get(0).get("task.symbols"));
        assertEquals("AUDUSD,USDCAD", tasks.get(1).get("task.symbols"));
        assertEquals("USDJPY,XAUUSD", tasks.get(2).get("task.symbols"));
        assertTrue(tasks.stream().allMatch(t -> t.get("task.connections").equals("1")));
    }

    @Test
    void exactlyOnceIsSupportedWithTheWorkersTransactionBoundaries() {
        MarketfeedSourceConnector connector = new MarketfeedSourceConnector();
        assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(tickatlas(Map.of())));
        assertEquals(ConnectorTransactionBoundaries.UNSUPPORTED,
                connector.canDefineTransactionBoundaries(tickatlas(Map.of())));
    }
}

package io.marketfeed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.runtime.internal.ProtocolForTests;
import io.marketfeed.api.protocol.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host checks and applies the keys every provider has; the provider declares only its facts. */
class ProviderHostTest {

    private static final Endpoint ENDPOINT = new Endpoint("main", URI.create("wss://vendor.test/ws"), AuthStyle.none(),
            Readiness.onOpen(), SubscribeStyle.additive(Duration.ofSeconds(5)), Set.of("quotes"), Map.of());
    private static final Limits DECLARED = Limits.builder().maxSymbolsPerConnection(100).maxSymbolsPerFrame(10)
            .maxConnections(2).minControlGap(Duration.ofMillis(200)).build();
    private static final HeartbeatSpec FACTS = new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(30),
            Duration.ofSeconds(90), HeartbeatSpec.Liveness.ANY_FRAME);

    @Test
    void configuredCommonValuesApplyOverWhatTheProviderDeclares() {
        FeedProtocol protocol = ProviderHost.create(new Declaring(List.of()), ProviderSettings.of("acme", Map.of(
                "limits.max-symbols-per-frame", 5, "limits.min-reconnect-gap", "3s", "heartbeat.interval", "10s",
                "credits.on-forecast-exhaustion", "trim", "credits.priority", List.of("AAA"))));
        Limits limits = protocol.limits(ENDPOINT);
        assertEquals(100, limits.maxSymbolsPerConnection(), "declared, not configured");
        assertEquals(5, limits.maxSymbolsPerFrame());
        assertEquals(2, limits.maxConnections());
        assertEquals(Duration.ofMillis(200), limits.minControlGap());
        assertEquals(Duration.ofSeconds(3), limits.minReconnectGap());
        HeartbeatSpec heartbeat = protocol.heartbeat(ENDPOINT);
        assertEquals(Duration.ofSeconds(10), heartbeat.interval());
        assertEquals(Duration.ofSeconds(90), heartbeat.staleTimeout());
        assertEquals(HeartbeatSpec.Pinger.CLIENT, heartbeat.pinger());
        assertEquals(new CreditPolicy(CreditPolicy.Mode.TRIM, List.of("AAA")), protocol.creditPolicy());
        assertEquals(List.of(ENDPOINT), protocol.endpoints(), "everything else is the provider's");
    }

    @Test
    void withNothingConfiguredTheDeclaredFactsStand() {
        FeedProtocol protocol = ProviderHost.create(new Declaring(List.of()), ProviderSettings.of("acme", Map.of()));
        assertEquals(DECLARED, protocol.limits(ENDPOINT));
        assertSame(FACTS, protocol.heartbeat(ENDPOINT));
        assertEquals(CreditPolicy.warn(), protocol.creditPolicy());
    }

    @Test
    void theCommonAndTheProvidersProblemsComeTogetherEachOnce() {
        SettingsProblem own = new SettingsProblem("marketfeed.providers.acme.plan", "", "must be pro");
        SettingsProblem repeated = new SettingsProblem("marketfeed.providers.acme.limits.max-connections", "",
                "must be at least 1, got 0");
        SettingsException thrown = assertThrows(SettingsException.class, () -> ProviderHost.create(
                new Declaring(List.of(own, repeated)), ProviderSettings.of("acme", Map.of(
                        "limits.max-connections", 0, "heartbeat.interval", "30s", "heartbeat.timeout", "30s"))));
        assertEquals(List.of("limits.max-connections: must be at least 1, got 0",
                "heartbeat.timeout: must be longer than heartbeat.interval (PT30S), or every connection would look "
                        + "stale between two heartbeats",
                "plan: must be pro"), thrown.problems().stream()
                        .map(p -> p.path().replace("marketfeed.providers.acme.", "") + ": " + p.message()).toList());
    }

    @Test
    void aPrioritySymbolNoTopicCouldServeIsAProblem() {
        SettingsException thrown = assertThrows(SettingsException.class, () -> ProviderHost.create(
                new Declaring(List.of()), ProviderSettings.of("acme", Map.of("credits.on-forecast-exhaustion", "trim",
                        "credits.priority", List.of("AAA", "bad one")))));
        assertEquals(List.of("credits.priority: entry [1] 'bad one' cannot be subscribed to: no spaces in a symbol"),
                thrown.problems().stream()
                        .map(p -> p.path().replace("marketfeed.providers.acme.", "") + ": " + p.message()).toList());
    }

    /** A provider that declares facts, and fails with the given problems when there are any. */
    private record Declaring(List<SettingsProblem> problems) implements MarketFeedProvider {
        @Override
        public String id() {
            return "acme";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Set<FeedCapability> capabilities() {
            return EnumSet.of(FeedCapability.QUOTES);
        }

        @Override
        public FeedProtocol create(ProviderSettings settings) {
            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
            return new ProtocolForTests(List.of(ENDPOINT), DECLARED, FACTS, List.of()) {
                @Override
                public java.util.Optional<String> symbolProblem(Subscription subscription) {
                    return subscription.symbol().contains(" ") ? java.util.Optional.of("no spaces in a symbol")
                            : java.util.Optional.empty();
                }

                @Override
                public ProtocolSession openSession(SessionContext context) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}

package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.testkit.ReferenceConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The ServiceLoader entry point. */
class TestSahmkProvider {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(SahmkProvider.class, "sahmk");

    @Test
    void foundByServiceLoader() {
        List<MarketFeedProvider> providers = ServiceLoader.load(MarketFeedProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, providers.size());
        assertTrue(providers.get(0) instanceof SahmkProvider);
    }

    @Test
    void describesItself() {
        SahmkProvider provider = new SahmkProvider();
        assertEquals("sahmk", provider.id());
        assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        assertTrue(SpiVersion.incompatibility(provider.spiVersion()).isEmpty());
        assertEquals(EnumSet.of(FeedCapability.QUOTES, FeedCapability.TRADES, FeedCapability.BOOK,
                FeedCapability.SUBSCRIBE_ALL, FeedCapability.RUNTIME_LIMITS, FeedCapability.CLIENT_HEARTBEAT),
                provider.capabilities());
        assertTrue(!provider.version().isBlank());
    }

    @Test
    void createValidatesTheSettings() {
        SahmkProvider provider = new SahmkProvider();
        assertThrows(SettingsException.class, () -> provider.create(TestSahmkSettings.settings(Map.of())));
        Map<String, Object> values = REFERENCE.values("SAHMK_API_KEY = \"" + TestSahmkSettings.CANARY + "\"");
        assertEquals(List.of("quotes"), provider.create(TestSahmkSettings.settings(values)).endpoints().stream()
                .map(e -> e.id()).toList());
    }
}

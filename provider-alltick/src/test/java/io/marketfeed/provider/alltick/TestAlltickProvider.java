package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.testkit.ReferenceConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The ServiceLoader entry point. */
class TestAlltickProvider {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(AlltickProvider.class, "alltick");

    @Test
    void foundByServiceLoader() {
        List<MarketFeedProvider> providers = ServiceLoader.load(MarketFeedProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, providers.size());
        assertTrue(providers.get(0) instanceof AlltickProvider);
    }

    @Test
    void describesItself() {
        AlltickProvider provider = new AlltickProvider();
        assertEquals("alltick", provider.id());
        assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        assertTrue(SpiVersion.incompatibility(provider.spiVersion()).isEmpty());
        assertEquals(EnumSet.of(FeedCapability.TRADES, FeedCapability.BOOK, FeedCapability.REPLACE_SEMANTICS,
                FeedCapability.CLIENT_HEARTBEAT), provider.capabilities());
        assertFalse(provider.version().isBlank());
    }

    @Test
    void createValidatesTheSettings() {
        AlltickProvider provider = new AlltickProvider();
        assertThrows(SettingsException.class, () -> provider.create(TestAlltickSettings.settings(Map.of())));
        Map<String, Object> values = REFERENCE.values("ALLTICK_TOKEN = \"" + TestAlltickSettings.CANARY + "\"");
        assertEquals(List.of("stock", "other"), provider.create(TestAlltickSettings.settings(values)).endpoints()
                .stream().map(Endpoint::id).toList());
    }
}

package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
class TestTickAtlasProvider {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(TickAtlasProvider.class, "tickatlas");

    @Test
    void foundByServiceLoader() {
        List<MarketFeedProvider> providers = ServiceLoader.load(MarketFeedProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, providers.stream().filter(p -> p instanceof TickAtlasProvider).count(), providers.toString());
    }

    @Test
    void describesItself() {
        TickAtlasProvider provider = new TickAtlasProvider();
        assertEquals("tickatlas", provider.id());
        assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        assertTrue(SpiVersion.incompatibility(provider.spiVersion()).isEmpty());
        assertEquals(EnumSet.of(FeedCapability.QUOTES, FeedCapability.CANDLES, FeedCapability.RUNTIME_LIMITS,
                FeedCapability.CREDITS, FeedCapability.FIRST_MESSAGE_AUTH), provider.capabilities());
        assertFalse(provider.capabilities().contains(FeedCapability.CLIENT_HEARTBEAT), "the server sends heartbeats");
        assertFalse(provider.version().isBlank());
        assertTrue(provider.description().contains("TickAtlas"));
    }

    @Test
    void createValidatesTheSettings() {
        TickAtlasProvider provider = new TickAtlasProvider();
        assertThrows(SettingsException.class, () -> provider.create(TestTickAtlasSettings.settings(Map.of())));
        Map<String, Object> values = REFERENCE.values("TICKATLAS_API_KEY = \"" + TestTickAtlasSettings.CANARY
                + "\"");
        assertEquals(List.of("quotes"), provider.create(TestTickAtlasSettings.settings(values)).endpoints().stream()
                .map(e -> e.id()).toList());
    }
}

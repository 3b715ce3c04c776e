package io.marketfeed.app.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.app.testing.AcmeProvider;
import io.marketfeed.app.testing.ForwardingProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestProviderRegistry {

    @Test
    void findsTheBuiltInProviderWithServiceLoader() {
        ProviderRegistry registry = ProviderRegistry.discover(getClass().getClassLoader());

        ProviderRegistry.Found sahmk = registry.find("sahmk").orElseThrow();
        assertTrue(sahmk.builtIn());
        assertEquals(Optional.empty(), sahmk.refusal());
        assertEquals(ProviderRegistry.Source.BUILT_IN, sahmk.source());
        assertEquals(List.of(), registry.failures());
    }

    @Test
    void duplicateIdsAreRefusedNotCrashesAndNeitherIsPicked() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(new AcmeProvider(), new AcmeProvider("1.0")));

        assertEquals(List.of("acme"), registry.ids());
        assertEquals(List.of(), registry.failures());
        String from = "class path, " + ProviderRegistry.location(AcmeProvider.class);
        for (ProviderRegistry.Found found : registry.providers()) {
            assertEquals(Optional.of("the id 'acme' is also provided by " + from + "; remove one of them"),
                    found.refusal());
        }
    }

    @Test
    void reportListsEverythingAnOperatorAsksAbout() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(new AcmeProvider(), broken(), new Future()));

        String report = new ProvidersReport(registry, Optional.of(id -> id.equals("acme"))).render();

        String acme = String.join("\n",
                "acme",
                "  description:  Acme test exchange",
                "  version:      9.9.9",
                "  SPI version:  1.0 (compatible)",
                "  capabilities: quotes, subscribe-all",
                "  from:         class path, " + ProviderRegistry.location(AcmeProvider.class),
                "  status:       loaded",
                "  enabled:      yes");
        assertTrue(report.startsWith("2 providers found (this Marketfeed has SPI 1.3)\n\n" + acme + "\n"), report);
        assertTrue(report.contains("future\n"), report);
        assertTrue(report.contains("  SPI version:  2.1 (incompatible)\n"), report);
        assertTrue(report.contains("  status:       refused: built for SPI 2.1, this Marketfeed has SPI 1.3 "
                + "(the major version must match); use a version of it built for SPI 1.x\n"), report);
        assertTrue(report.contains("  enabled:      no\n"), report);
        assertTrue(report.contains("\nCould not load:\n  - "), report);
        assertTrue(report.contains("\nCould not load:\n  - " + ProviderRegistry.location(getClass()) + ": provider "
                + getClass().getName() + "$1: asking its id or SPI version "
                + "failed: IllegalStateException: id() failed on purpose\n"), report);
        assertFalse(ProviderRegistry.location(AcmeProvider.class).isEmpty());
    }

    @Test
    void reportWithoutConfigurationHasNoEnabledLine() {
        String report = new ProvidersReport(ProviderRegistry.of(List.of(new AcmeProvider())), Optional.empty())
                .render();

        assertFalse(report.contains("enabled:"), report);
        assertTrue(report.startsWith("1 provider found"), report);
    }

    private static MarketFeedProvider broken() {
        return new AcmeProvider() {
            @Override
            public String id() {
                throw new IllegalStateException("id() failed on purpose");
            }
        };
    }

    /** Built for a later major SPI version. */
    private static final class Future extends ForwardingProvider {
        Future() {
            super(new AcmeProvider("2.1"));
        }

        @Override
        public String id() {
            return "future";
        }
    }
}

package io.marketfeed.api;

import io.marketfeed.api.protocol.FeedProtocol;
import java.util.Set;

/**
 * Entry point of a provider plugin, listed in
 * {@code META-INF/services/io.marketfeed.api.MarketFeedProvider}.
 *
 * <p>An implementation has a public no-argument constructor, does no I/O and has no static
 * initialisation that can fail. It only describes the provider; {@link #create(ProviderSettings)} turns
 * validated settings into a {@link FeedProtocol}, the declared facts and pure functions the runtime
 * drives.
 *
 * {@snippet :
 * public final class AcmeProvider implements MarketFeedProvider {
 *     public String id() { return "acme"; }
 *     public String spiVersion() { return SpiVersion.CURRENT; }   // inlined at compile time
 *     public Set<FeedCapability> capabilities() { return EnumSet.of(FeedCapability.QUOTES); }
 *     public FeedProtocol create(ProviderSettings settings) { return new AcmeProtocol(AcmeSettings.from(settings)); }
 * }
 * }
 *
 * <p>Thread safety: the methods may be called from any thread and must be side-effect free.
 */
public interface MarketFeedProvider {

    /** Stable identifier, lower case letters, digits and '-', used as the config key: {@code marketfeed.providers.<id>}. */
    String id();

    /**
     * The provider's own version, for diagnostics: by default the {@code Implementation-Version} of its jar's
     * manifest, or {@code development} when it runs from classes (tests, an IDE).
     */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /**
     * The SPI version this provider was compiled against. Implementations return {@link SpiVersion#CURRENT},
     * a compile-time constant, so the value is fixed in the provider's class file when it is built.
     */
    String spiVersion();

    /** One line saying what the provider connects to. */
    default String description() {
        return id();
    }

    /** What the provider can deliver and how it behaves. The runtime never asks for an undeclared capability. */
    Set<FeedCapability> capabilities();

    /**
     * Validates the settings and builds the protocol description for one configured instance.
     *
     * @throws SettingsException listing <em>every</em> problem found, each with its path
     */
    FeedProtocol create(ProviderSettings settings);
}

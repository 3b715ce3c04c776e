package io.marketfeed.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The SPI version, {@code major.minor}. A host accepts a provider compiled against the same major and a
 * minor not greater than its own; anything else is refused with a message naming both versions. A host
 * keeps the contract of every minor it accepts: a provider built for an older minor gets what that minor
 * promised.
 *
 * <p>History: 1.0, the first SPI. 1.1: an {@link io.marketfeed.api.protocol.InboundFrame}'s bytes are the
 * transport's buffer, valid only during {@code decode} (1.0 providers still get a copy of their own), and
 * {@code decode} runs on the connection's read thread. 1.2: {@link io.marketfeed.api.protocol.DecodeOutput#badValue}
 * reports a value that could not be read exactly (a provider built for 1.1 simply never calls it). 1.3: the host
 * checks and applies the keys every provider block has ({@link CommonSettings}): {@link
 * io.marketfeed.api.protocol.FeedProtocol#limits} and {@link io.marketfeed.api.protocol.FeedProtocol#heartbeat}
 * return the provider's declared defaults, and the provider no longer reads {@code heartbeat.*}, {@code limits.*}
 * or {@code credits.*} (a provider built for 1.2 applied them itself; the host applying them again changes
 * nothing); {@link MarketFeedProvider#version()} has a default. Additions that need no version of their own, as
 * a provider that does not use them loses nothing: {@link io.marketfeed.api.protocol.Limits#builder()} and
 * {@link io.marketfeed.api.protocol.DecodeOutput#rejected} with no symbols (the server refused the request without
 * naming any: the runtime drops the symbols of the request it answers).
 */
public final class SpiVersion {

    /** The version of this SPI; a compile-time constant, so it is inlined into provider classes. */
    public static final String CURRENT = "1.3";

    private SpiVersion() {
    }

    /**
     * Checks whether a provider compiled against {@code providerVersion} can run on this host.
     *
     * @return empty when compatible, otherwise the reason it is refused
     */
    public static Optional<String> incompatibility(String providerVersion) {
        int[] host = parse(CURRENT);
        int[] provider;
        try {
            provider = parse(providerVersion);
        } catch (IllegalArgumentException e) {
            return Optional.of("SPI version '" + providerVersion + "' is not of the form major.minor");
        }
        if (provider[0] != host[0]) {
            return Optional.of("built for SPI " + providerVersion + ", this Marketfeed has SPI " + CURRENT
                    + " (the major version must match)");
        }
        if (provider[1] > host[1]) {
            return Optional.of("built for SPI " + providerVersion + ", newer than this Marketfeed's SPI " + CURRENT
                    + "; upgrade Marketfeed");
        }
        return Optional.empty();
    }

    /**
     * Whether a provider built for {@code providerVersion} knows the contract of {@code major.minor} (same
     * major, minor at least that); false for a version that is not {@code major.minor}.
     */
    public static boolean atLeast(String providerVersion, int major, int minor) {
        try {
            int[] provider = parse(providerVersion);
            return provider[0] == major && provider[1] >= minor;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The version recorded in the api jar at build time; equals {@link #CURRENT} in a consistent build. */
    public static String packaged() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi-version.properties")) {
            if (in == null) {
                return CURRENT;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", CURRENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] parse(String version) {
        if (version == null) {
            throw new IllegalArgumentException("null");
        }
        String[] parts = version.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException(version);
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(version, e);
        }
    }
}

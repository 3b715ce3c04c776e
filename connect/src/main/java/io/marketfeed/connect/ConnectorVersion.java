package io.marketfeed.connect;

/** The connector's version, from its jar's manifest ({@code Implementation-Version}). */
final class ConnectorVersion {

    static final String VERSION = version();

    private ConnectorVersion() {
    }

    private static String version() {
        String version = ConnectorVersion.class.getPackage().getImplementationVersion();
        return version == null ? "unknown (not run from its jar)" : version;
    }
}

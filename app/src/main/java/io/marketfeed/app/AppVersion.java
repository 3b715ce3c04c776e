package io.marketfeed.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The runner's version, written into its jar by the build. */
final class AppVersion {

    private AppVersion() {
    }

    static String current() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "development");
            // Unfiltered (an IDE copying resources as they are) still reads sensibly.
            return version.startsWith("${") ? "development" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

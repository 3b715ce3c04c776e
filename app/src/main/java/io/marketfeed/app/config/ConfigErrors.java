package io.marketfeed.app.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;

/** Turns Typesafe's exceptions (parse errors, unresolved substitutions) into our one-line problems. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static ConfigurationException toConfigurationException(ConfigException e) {
        ConfigOrigin origin = e.origin();
        String message = String.valueOf(e.getMessage());
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            // Typesafe prefixes its message with the origin; we print the origin in our own form.
            message = message.substring(origin.description().length() + 2);
        }
        if (e instanceof ConfigException.UnresolvedSubstitution) {
            message += " (use ${?NAME} for an optional environment variable)";
        }
        return ConfigurationException.of(Origins.describe(origin), message);
    }
}

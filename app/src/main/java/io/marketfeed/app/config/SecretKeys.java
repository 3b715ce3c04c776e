package io.marketfeed.app.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.Secret;
import java.util.Locale;

/**
 * Decides which keys hold credentials, by name, so that their values are masked wherever configuration is
 * printed and never quoted in a message. Matching by name (like Airlift's security-sensitive properties)
 * also covers providers added later: {@code api-key}, {@code token}, {@code secret}, {@code password} and
 * any key ending in one of them.
 */
public final class SecretKeys {

    /** What is printed instead of a credential. */
    public static final String MASK = "****";

    private SecretKeys() {
    }

    /** Whether the last segment of {@code path} names a credential. */
    public static boolean isSecret(String path) {
        return Secret.isCredentialName(path);
    }

    /**
     * Whether a value must not be quoted in a message: a credential by its key's name, or anything read from
     * the environment, where credentials live (a key substituted into the wrong setting is still a key).
     */
    public static boolean isSensitive(String path, ConfigValue value) {
        return isSecret(path) || (value.origin() != null
                && value.origin().description().startsWith(ConfigLoader.ENVIRONMENT_ORIGIN));
    }

    /**
     * Whether a value to be printed in the effective configuration must be masked: a credential by its key's
     * name, or a value read from an environment variable whose name says it is one ({@code SAHMK_API_KEY}).
     */
    public static boolean isMasked(String path, ConfigValue value) {
        if (isSecret(path)) {
            return true;
        }
        String origin = value.origin() == null ? "" : value.origin().description();
        return origin.startsWith(ConfigLoader.ENVIRONMENT_ORIGIN)
                && isSecret(origin.substring(ConfigLoader.ENVIRONMENT_ORIGIN.length()).toLowerCase(Locale.ROOT));
    }

    /** A value for a message: quoted, or only its type when it is sensitive or not a single value. */
    static String shown(String path, ConfigValue value) {
        if (isSensitive(path, value) || value.valueType() == ConfigValueType.LIST
                || value.valueType() == ConfigValueType.OBJECT) {
            return "a " + value.valueType().name().toLowerCase(Locale.ROOT)
                    + (isSensitive(path, value) ? " (not shown)" : "");
        }
        return "'" + value.unwrapped() + "'";
    }
}

package io.marketfeed.app.config;

import io.marketfeed.runtime.TlsSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads {@code marketfeed.tls}: the trust store is loaded here, during validation, so that a file that is missing,
 * unreadable, of another type or with another password is a configuration error before anything connects, naming
 * the key to fix. The password is used once and not kept.
 */
final class TlsConfig {

    private TlsConfig() {
    }

    /** The TLS settings; problems go to {@code in}, and then the defaults are returned. */
    static TlsSettings read(ConfigReader in) {
        Optional<String> path = in.optionalString(ConfigPaths.TLS_TRUST_STORE);
        Optional<String> password = in.optionalString(ConfigPaths.TLS_TRUST_STORE_PASSWORD);
        Optional<String> type = in.optionalString(ConfigPaths.TLS_TRUST_STORE_TYPE);
        if (path.isEmpty()) {
            String without = "is set, but " + ConfigPaths.TLS_TRUST_STORE + " is not; set the trust store's path too, "
                    + "or remove this";
            password.ifPresent(ignored -> in.problem(ConfigPaths.TLS_TRUST_STORE_PASSWORD, without));
            type.ifPresent(ignored -> in.problem(ConfigPaths.TLS_TRUST_STORE_TYPE, without));
            return TlsSettings.defaults();
        }
        char[] secret = password.map(String::toCharArray).orElse(null);
        try {
            return TlsSettings.trustStore(Path.of(path.get()), secret, type.orElse(null));
        } catch (InvalidPathException e) {
            in.problem(ConfigPaths.TLS_TRUST_STORE, "is not a file path (" + e.getReason() + ")");
        } catch (TlsSettings.TrustStoreException e) {
            in.problem(key(e.problem()), e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        return TlsSettings.defaults();
    }

    private static String key(TlsSettings.Problem problem) {
        switch (problem) {
            case PASSWORD:
                return ConfigPaths.TLS_TRUST_STORE_PASSWORD;
            case TYPE:
                return ConfigPaths.TLS_TRUST_STORE_TYPE;
            default:
                return ConfigPaths.TLS_TRUST_STORE;
        }
    }
}

package io.marketfeed.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A credential. Its {@link #toString()} never shows the value, so it is safe in logs, exceptions and
 * records; only {@link #reveal()} gives it, and only the code that puts it on the wire should call that.
 */
public final class Secret {

    private static final List<String> CREDENTIAL_WORDS = List.of("key", "token", "secret", "password", "passphrase",
            "credentials");

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value is null");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * Whether a setting's name says it holds a credential: {@code api-key}, {@code token}, {@code secret},
     * {@code password}, {@code passphrase}, {@code credentials}, or a name ending in one of them after a dash or
     * underscore ({@code trust-store-password}). Only the last segment of a dotted path counts. The host masks the
     * values of such settings in everything it prints, and in every text that came from a server.
     */
    public static boolean isCredentialName(String path) {
        int dot = path.lastIndexOf('.');
        String last = (dot < 0 ? path : path.substring(dot + 1)).replace("\"", "").toLowerCase(Locale.ROOT)
                .replace('_', '-');
        for (String word : CREDENTIAL_WORDS) {
            if (last.equals(word) || last.endsWith("-" + word)) {
                return true;
            }
        }
        return false;
    }

    /** The value itself. Never log it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "<empty>" : "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && ((Secret) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

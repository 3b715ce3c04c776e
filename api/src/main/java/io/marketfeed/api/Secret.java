package io.marketfeed.api;

import java.util.Objects;

/**
 * A credential. Its {@link #toString()} never shows the value, so it is safe in logs, exceptions and
 * records; only {@link #reveal()} gives it, and only the code that puts it on the wire should call that.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value is null");
    }

    public static Secret of(String value) {
        return new Secret(value);
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

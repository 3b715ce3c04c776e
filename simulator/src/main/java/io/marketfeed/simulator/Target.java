package io.marketfeed.simulator;

/** Which connections of a simulation a fault applies to: all of them, or one by id. Immutable. */
public final class Target {

    private static final Target ALL = new Target(0);

    /** 0 means all; connection ids start at 1. */
    private final long connectionId;

    private Target(long connectionId) {
        this.connectionId = connectionId;
    }

    public static Target all() {
        return ALL;
    }

    public static Target connection(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("connection id must be at least 1, got " + id);
        }
        return new Target(id);
    }

    public boolean isAll() {
        return connectionId == 0;
    }

    boolean matches(SimulatedConnection connection) {
        return connectionId == 0 || connection.id() == connectionId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target target && target.connectionId == connectionId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(connectionId);
    }

    @Override
    public String toString() {
        return isAll() ? "all connections" : "connection " + connectionId;
    }
}

package io.marketfeed.simulator.alltick;

/** AllTick's two WebSocket endpoints; a code is valid on exactly one of them. */
public enum AlltickEndpoint {
    /** US, HK and A-share stocks and indices. */
    STOCK("/quote-stock-b-ws-api"),
    /** Forex, precious metals, crypto, energy and CFDs. */
    OTHER("/quote-b-ws-api");

    private final String path;

    AlltickEndpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The endpoint served at {@code path}. */
    public static AlltickEndpoint forPath(String path) {
        for (AlltickEndpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("not an AllTick path: " + path);
    }
}

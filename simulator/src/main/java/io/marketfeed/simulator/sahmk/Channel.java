package io.marketfeed.simulator.sahmk;

/** The three SAHMK WebSocket endpoints. */
public enum Channel {
    QUOTES("/ws/v1/stocks/", "", "quotes", "Connected to SAHMK real-time stock stream"),
    DEPTH("/ws/v1/market/depth/", "depth", "depth", "Connected to SAHMK real-time market depth stream"),
    TRADES("/ws/v1/market/trades/", "trades", "trades", "Connected to SAHMK real-time trades stream");

    private final String path;
    private final String wireName;
    private final String streamMode;
    private final String greeting;

    Channel(String path, String wireName, String streamMode, String greeting) {
        this.path = path;
        this.wireName = wireName;
        this.streamMode = streamMode;
        this.greeting = greeting;
    }

    /** The path with its trailing slash, e.g. {@code /ws/v1/stocks/}. */
    public String path() {
        return path;
    }

    /** Value of {@code connected.channel}; empty for quotes, whose {@code connected} has no channel field. */
    String wireName() {
        return wireName;
    }

    String streamMode() {
        return streamMode;
    }

    String greeting() {
        return greeting;
    }

    /** The channel served at {@code path}, with or without the trailing slash. */
    public static Channel forPath(String path) {
        String normalized = path.endsWith("/") ? path : path + "/";
        for (Channel channel : values()) {
            if (channel.path.equals(normalized)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("not a SAHMK path: " + path);
    }
}

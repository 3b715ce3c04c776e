package io.marketfeed.provider.alltick;

import java.util.Locale;
import java.util.Optional;

/**
 * AllTick's two WebSocket endpoints (protocols.md §4.2). A code must go to the endpoint of its asset class;
 * sent to the other one it is refused with {@code 600 code invalid}. Both serve trades and order books.
 */
enum AlltickChannel {
    /** US, HK and A-share stocks and indices. */
    STOCK("stock", "/quote-stock-b-ws-api", "US, HK and A-share stocks and indices"),
    /** Forex, precious metals, crypto, crude oil, CFD indices and commodities. */
    OTHER("other", "/quote-b-ws-api", "forex, precious metals, crypto, energy and CFDs");

    private final String endpointId;
    private final String path;
    private final String serves;

    AlltickChannel(String endpointId, String path, String serves) {
        this.endpointId = endpointId;
        this.path = path;
        this.serves = serves;
    }

    /** The endpoint id, also the value of a {@code routes} entry: {@code stock} or {@code other}. */
    String endpointId() {
        return endpointId;
    }

    /** The documented path, appended to a configured base URL. */
    String path() {
        return path;
    }

    /** What the endpoint carries, for messages. */
    String serves() {
        return serves;
    }

    static Optional<AlltickChannel> forEndpointId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (AlltickChannel channel : values()) {
            if (channel.endpointId.equals(wanted)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}

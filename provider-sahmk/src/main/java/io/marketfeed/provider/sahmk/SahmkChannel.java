package io.marketfeed.provider.sahmk;

import io.marketfeed.api.protocol.Topics;
import java.util.Arrays;
import java.util.Optional;

/**
 * SAHMK's three WebSocket channels. Each is its own socket with its own path and serves exactly one topic,
 * so a session always knows which topic an acknowledgement or error is about.
 */
enum SahmkChannel {
    QUOTES("quotes", Topics.QUOTES, "/ws/v1/stocks/"),
    DEPTH("depth", Topics.BOOK, "/ws/v1/market/depth/"),
    TRADES("trades", Topics.TRADES, "/ws/v1/market/trades/");

    private final String endpointId;
    private final String topic;
    private final String path;

    SahmkChannel(String endpointId, String topic, String path) {
        this.endpointId = endpointId;
        this.topic = topic;
        this.path = path;
    }

    String endpointId() {
        return endpointId;
    }

    String topic() {
        return topic;
    }

    /** The documented path, appended to a configured base URL. */
    String path() {
        return path;
    }

    static Optional<SahmkChannel> forTopic(String topic) {
        return Arrays.stream(values()).filter(channel -> channel.topic.equals(topic)).findFirst();
    }

    static Optional<SahmkChannel> forEndpointId(String id) {
        return Arrays.stream(values()).filter(channel -> channel.endpointId.equals(id)).findFirst();
    }
}

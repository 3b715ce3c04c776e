package com.example.marketfeed.simplejson;

import io.marketfeed.api.protocol.Topics;
import java.util.Optional;

/** The server's channels, and the Marketfeed topic each one serves. */
enum SimplejsonChannel {
    /** {@code ticker}: last, bid and ask, as {@link io.marketfeed.api.model.Quote}s. */
    TICKER("ticker", Topics.QUOTES),
    /** {@code trade}: executions, as {@link io.marketfeed.api.model.Trade}s. */
    TRADE("trade", Topics.TRADES);

    private final String wireName;
    private final String topic;

    SimplejsonChannel(String wireName, String topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    /** The name in {@code channel} and {@code topic} fields on the wire. */
    String wireName() {
        return wireName;
    }

    /** The Marketfeed topic. */
    String topic() {
        return topic;
    }

    static Optional<SimplejsonChannel> forWireName(String name) {
        for (SimplejsonChannel channel : values()) {
            if (channel.wireName.equals(name)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    static Optional<SimplejsonChannel> forTopic(String topic) {
        for (SimplejsonChannel channel : values()) {
            if (channel.topic.equals(topic)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}

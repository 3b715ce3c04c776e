package com.example.marketfeed.simplejson;

import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.TextFields;
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

    /** The channel a message's {@code field} names; null for none or an unknown one. Allocates nothing. */
    static SimplejsonChannel named(TextFields<SimplejsonField> message, SimplejsonField field) {
        for (SimplejsonChannel channel : values()) {
            if (message.is(field, channel.wireName)) {
                return channel;
            }
        }
        return null;
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

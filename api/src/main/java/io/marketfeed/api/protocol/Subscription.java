package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One wanted stream: a symbol on a topic ({@code quotes/2222}).
 */
public record Subscription(String topic, String symbol) implements Comparable<Subscription> {
    public Subscription {
        requireNonNull(topic, "topic is null");
        requireNonNull(symbol, "symbol is null");
    }

    @Override
    public int compareTo(Subscription other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : symbol.compareTo(other.symbol);
    }

    @Override
    public String toString() {
        return topic + "/" + symbol;
    }
}

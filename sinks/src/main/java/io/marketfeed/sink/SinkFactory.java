package io.marketfeed.sink;

import java.util.Map;

/**
 * Makes a {@link Sink} of one type from its configuration block ({@code marketfeed.sinks = [{type = sqlite,
 * path = "marketfeed.db"}]}). The runner knows the factories of its built-in sinks; {@link SinkTypes} lists them.
 */
public interface SinkFactory {

    /** The {@code type} value that selects this sink, such as {@code sqlite}. */
    String type();

    /** One line for {@code --help} and error messages: what this sink writes to. */
    String description();

    /**
     * Every key this type accepts besides the common ones ({@link SinkConfig#COMMON_KEYS}), each with one line
     * of documentation. A key not listed is refused, with the nearest listed one suggested.
     */
    Map<String, String> keys();

    /**
     * Reads and checks this sink's keys and makes the sink, without connecting: a wrong value throws
     * {@link SinkConfig#problem}, a store that is down is found later, by {@link Sink#open()}.
     *
     * <p>Every problem of the block should be found before the first is thrown where that is cheap; at least
     * the first one is reported, naming the key.
     */
    Sink create(SinkConfig config);
}

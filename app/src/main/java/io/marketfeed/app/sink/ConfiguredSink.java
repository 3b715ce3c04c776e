package io.marketfeed.app.sink;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.WriterSettings;

/**
 * One entry of {@code marketfeed.sinks}, checked and made, not yet connected.
 *
 * @param name unique among the sinks
 * @param type its {@code type}
 * @param target where it writes, for people: a file, a folder, a URL without its parameters, servers
 * @param sink the sink
 * @param settings how its writer batches, retries and spools
 */
public record ConfiguredSink(String name, String type, String target, Sink sink, WriterSettings settings) {
}

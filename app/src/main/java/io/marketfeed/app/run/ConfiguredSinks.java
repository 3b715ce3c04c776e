package io.marketfeed.app.run;

import io.marketfeed.app.sink.ConfiguredSink;
import java.util.List;

/**
 * The validated sinks ({@code marketfeed.sinks}), as one injectable value.
 *
 * @param list in configuration order
 */
public record ConfiguredSinks(List<ConfiguredSink> list) {

    public ConfiguredSinks {
        list = List.copyOf(list);
    }
}

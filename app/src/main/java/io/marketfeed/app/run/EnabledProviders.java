package io.marketfeed.app.run;

import io.marketfeed.app.config.EnabledProvider;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The validated, enabled providers, as one injectable value.
 *
 * @param list in configuration order
 */
public record EnabledProviders(List<EnabledProvider> list) {

    public EnabledProviders {
        list = List.copyOf(list);
    }

    public List<String> ids() {
        return list.stream().map(EnabledProvider::id).collect(Collectors.toList());
    }
}

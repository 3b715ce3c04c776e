package io.marketfeed.app.simulator;

import io.marketfeed.app.config.Suggestions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The providers a built-in simulator exists for. */
public final class SimulatedProviders {

    /** Every simulator, in the order they are described. */
    public static final List<SimulatedProvider> ALL = List.of(new SahmkSimulated(), new TickAtlasSimulated(),
            new AlltickSimulated(), new ScreenerSimulated());

    /** What {@code simulate --provider} accepts for every simulator. */
    public static final String EVERY = "all";

    private SimulatedProviders() {
    }

    /** Their ids: {@code sahmk, tickatlas, ...}. */
    public static List<String> ids() {
        return ALL.stream().map(SimulatedProvider::id).collect(Collectors.toList());
    }

    public static Optional<SimulatedProvider> find(String id) {
        return ALL.stream().filter(provider -> provider.id().equals(id)).findFirst();
    }

    /** @throws IllegalArgumentException naming the simulators there are */
    public static SimulatedProvider require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(unknown(id)));
    }

    /** The message about an id no simulator has, with a suggestion and the ids there are. */
    public static String unknown(String id) {
        return "there is no simulator for provider '" + id + "'"
                + Suggestions.closest(id, ids()).map(s -> "; did you mean '" + s + "'?").orElse("")
                + "; simulators exist for: " + String.join(", ", ids());
    }

    /** The simulator that has option {@code name}, such as {@code --quota-reset-every}. */
    public static Optional<SimulatedProvider> owningOption(String name) {
        return ALL.stream().filter(provider -> provider.optionNames().contains(name)).findFirst();
    }

    /** Every simulator-specific option name, for suggestions. */
    public static List<String> optionNames() {
        return ALL.stream().flatMap(provider -> provider.optionNames().stream()).sorted()
                .collect(Collectors.toList());
    }

    /** "SAHMK, TickAtlas, AllTick and Screener". */
    public static String names(List<SimulatedProvider> providers) {
        List<String> names = providers.stream().map(SimulatedProvider::displayName).collect(Collectors.toList());
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}

package io.marketfeed.api;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link MarketFeedProvider#create} with every problem it found, not only the first. */
public final class SettingsException extends RuntimeException {

    private final List<SettingsProblem> problems;

    public SettingsException(List<SettingsProblem> problems) {
        super(problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SettingsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SettingsProblem> problems() {
        return problems;
    }
}

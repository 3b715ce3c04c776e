package io.marketfeed.app.simulator;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One option for a particular simulator from the {@code simulate} command line, such as
 * {@code --quota-reset-every 2m} for TickAtlas.
 *
 * @param provider the simulator it belongs to
 * @param name the option, with its dashes: {@code --quota-reset-every}
 * @param value its value; empty for a flag
 */
public record SimulatorOption(String provider, String name, Optional<String> value) {

    public SimulatorOption {
        requireNonNull(provider, "provider is null");
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return name + value.map(v -> " " + v).orElse("");
    }
}

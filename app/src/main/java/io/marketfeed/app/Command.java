package io.marketfeed.app;

import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.simulator.SimulatorOption;
import io.marketfeed.runtime.record.ReplaySpeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed command line. */
public sealed interface Command {

    /**
     * {@code help [COMMAND]}, {@code --help}.
     *
     * @param topic the command to explain; empty for the overview
     */
    record Help(Optional<String> topic) implements Command {
    }

    /** {@code --version}. */
    record Version() implements Command {
    }

    /**
     * {@code run}: stream events until the duration ends or a signal arrives.
     *
     * @param configFile {@code -c FILE}
     * @param duration {@code --duration D}; empty runs until stopped
     * @param format {@code --format}; empty uses {@code marketfeed.output.format}
     * @param overrides {@code -Dpath=value}, in order
     * @param record {@code --record DIR}: the folder to record every received message into; empty records nothing
     */
    record Run(Optional<Path> configFile, Optional<Duration> duration, Optional<OutputFormat> format,
            Map<String, String> overrides, Optional<Path> record) implements Command {

        /** A run that records nothing. */
        public Run(Optional<Path> configFile, Optional<Duration> duration, Optional<OutputFormat> format,
                Map<String, String> overrides) {
            this(configFile, duration, format, overrides, Optional.empty());
        }
    }

    /**
     * {@code replay DIR}: run a recording made with {@code run --record DIR} through the configured providers'
     * decoders to the output.
     *
     * @param directory the recording folder
     * @param speed {@code --speed}: {@code max} (the default), {@code 1x} (the recorded pace) or a factor
     * @param configFile {@code -c FILE}: the configuration that builds the providers and the output
     * @param format {@code --format}; empty uses {@code marketfeed.output.format}
     * @param overrides {@code -Dpath=value}, in order
     */
    record Replay(Path directory, ReplaySpeed speed, Optional<Path> configFile, Optional<OutputFormat> format,
            Map<String, String> overrides) implements Command {
    }

    /**
     * {@code config}: validate and print the effective configuration, credentials masked.
     *
     * @param configFile {@code -c FILE}
     * @param overrides {@code -Dpath=value}
     */
    record ShowConfig(Optional<Path> configFile, Map<String, String> overrides) implements Command {
    }

    /**
     * {@code providers}: list the providers found.
     *
     * @param configFile {@code -c FILE}: also show which are enabled there
     * @param overrides {@code -Dpath=value}
     */
    record Providers(Optional<Path> configFile, Map<String, String> overrides) implements Command {
    }

    /**
     * {@code simulate}: run simulators on their own, on one port, until stopped.
     *
     * @param providers the providers whose protocols to speak, each one a simulator exists for
     * @param port the port, 0 for a free one
     * @param options options of particular simulators, such as TickAtlas's {@code --quota-reset-every}
     */
    record Simulate(List<String> providers, int port, List<SimulatorOption> options) implements Command {
        public Simulate {
            providers = List.copyOf(providers);
            options = List.copyOf(options);
        }
    }
}

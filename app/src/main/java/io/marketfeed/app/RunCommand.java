package io.marketfeed.app;

import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.run.EmbeddedSimulator;
import io.marketfeed.app.run.FeedApplication;
import io.marketfeed.app.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code run}: validates the whole configuration, starts the embedded simulator when asked, and streams.
 * Nothing connects before validation has passed.
 */
final class RunCommand {

    /** Stands in for the simulator's address while validating, before its port is bound. */
    private static final String PLACEHOLDER_ENDPOINT = "ws://127.0.0.1:1";

    private final Invocation invocation;

    RunCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.Run command) {
        ConfigInputs inputs = ConfigInputs.of(command.configFile(), command.overrides(), invocation);
        // A broken plugin is a warning; it is an error only when the configuration enables one of its providers.
        inputs.warn(invocation);
        ConfigValidator validator = new ConfigValidator(inputs.registry());
        LoadedConfig loaded = inputs.load();
        if (!loaded.flag(ConfigPaths.SIMULATOR_ENABLED)) {
            return stream(validator.validate(loaded), command, List.of());
        }
        String provider = simulatedProvider(loaded);
        // Everything is checked before a port is bound, with the values the simulator will set.
        ValidatedConfig provisional = validator.validate(
                inputs.load(EmbeddedSimulator.settingsLayer(provider, PLACEHOLDER_ENDPOINT)));
        try (EmbeddedSimulator simulator = startSimulator(provider, provisional)) {
            List<String> notes = announce(simulator, inputs.source());
            ValidatedConfig validated = validator.validate(inputs.load(simulator.settingsLayer()));
            return stream(validated, command, notes);
        }
    }

    private int stream(ValidatedConfig validated, Command.Run command, List<String> notes) {
        OutputFormat format = command.format().orElse(validated.app().output().format())
                .resolve(invocation.terminal());
        RunOptions options = new RunOptions(command.duration(), invocation.stopRequest(), invocation.err(), notes);
        return FeedApplication.run(validated, format, invocation.out(), invocation.terminal(),
                invocation.environment().get("COLUMNS"), options);
    }

    static String simulatedProvider(LoadedConfig loaded) {
        String provider = loaded.text(ConfigPaths.SIMULATOR_PROVIDER, "");
        try {
            EmbeddedSimulator.requireKnown(provider);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of(new SettingsProblem(ConfigPaths.SIMULATOR_PROVIDER,
                    loaded.origin(ConfigPaths.SIMULATOR_PROVIDER), e.getMessage())));
        }
        return provider;
    }

    private static EmbeddedSimulator startSimulator(String provider, ValidatedConfig config) {
        int port = config.app().simulator().port();
        try {
            return EmbeddedSimulator.start(provider, port);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(List.of(new SettingsProblem(ConfigPaths.SIMULATOR_PORT,
                    config.loaded().origin(ConfigPaths.SIMULATOR_PORT), "the simulator could not listen on port "
                    + port + " (" + e.getMessage() + "); use another port, or 0 for a free one")));
        }
    }

    /** Says plainly, first thing on stderr, that the data is not real. Returns the same lines for the table. */
    private List<String> announce(EmbeddedSimulator simulator, ConfigSource source) {
        String where = "the built-in " + simulator.provider().toUpperCase(Locale.ROOT) + " simulator on "
                + simulator.endpoint() + " (demo data, not real prices)";
        List<String> lines = new ArrayList<>();
        if (source.kind() == ConfigSource.Kind.DEMO) {
            lines.add("No API keys configured: streaming from " + where);
            lines.add("Set " + ConfigSource.SAHMK_KEY_VARIABLE + " to stream real prices, or pass -c FILE.");
        } else {
            lines.add("Streaming from " + where + ", as " + source.description() + " asks.");
        }
        lines.forEach(invocation.err()::println);
        invocation.err().flush();
        return lines;
    }
}

package io.marketfeed.app;

import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.run.FeedApplication;
import io.marketfeed.app.run.RunOptions;
import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.sink.Recording;
import io.marketfeed.app.simulator.SimulatedProvider;
import io.marketfeed.app.simulator.SimulatedProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
        ConfigValidator validator = inputs.validator();
        LoadedConfig loaded = inputs.load();
        if (!loaded.flag(ConfigPaths.SIMULATOR_ENABLED)) {
            ValidatedConfig validated = validator.validate(loaded);
            return stream(validated, command, unusedKeys(validated, inputs.source()));
        }
        // Everything is checked before a port is bound, with the values the simulator will set; that includes
        // the list of simulated providers itself (an id without a simulator is reported with everything else).
        ValidatedConfig provisional = validator.validate(
                inputs.load(EmbeddedSimulator.settingsLayer(simulatedProviders(loaded), PLACEHOLDER_ENDPOINT)));
        List<String> simulated = provisional.app().simulator().providers();
        try (EmbeddedSimulator simulator = startSimulator(simulated, provisional)) {
            List<String> notes = announce(simulator, provisional, inputs.source());
            ValidatedConfig validated = validator.validate(inputs.load(simulator.settingsLayer()));
            return stream(validated, command, notes);
        }
    }

    private int stream(ValidatedConfig validated, Command.Run command, List<String> notes) {
        OutputFormat format = command.format().orElse(validated.app().output().format())
                .resolve(invocation.terminal());
        List<String> shown = new ArrayList<>(notes);
        // The table clears the screen: where the run records is said above it too, not only on stderr.
        shown.addAll(Recording.announcements(validated.sinks()));
        RunOptions options = new RunOptions(command.duration(), invocation.stopRequest(), invocation.err(), shown,
                command.record());
        return FeedApplication.run(validated, format, invocation.out(), invocation.terminal(),
                invocation.environment().get("COLUMNS"), options);
    }

    /**
     * The providers {@code marketfeed.simulator.providers} lists, read before validation: only ids a simulator
     * exists for (validation reports the others), empty when the value is not a list.
     */
    static List<String> simulatedProviders(LoadedConfig loaded) {
        return loaded.texts(ConfigPaths.SIMULATOR_PROVIDERS).stream()
                .filter(id -> SimulatedProviders.find(id).isPresent()).distinct().collect(Collectors.toList());
    }

    private static EmbeddedSimulator startSimulator(List<String> providers, ValidatedConfig config) {
        int port = config.app().simulator().port();
        try {
            return EmbeddedSimulator.start(providers, port);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(List.of(new SettingsProblem(ConfigPaths.SIMULATOR_PORT,
                    config.loaded().origin(ConfigPaths.SIMULATOR_PORT), "the simulator could not listen on port "
                    + port + " (" + e.getMessage() + "); use another port, or 0 for a free one")));
        }
    }

    /**
     * Says plainly, first thing on stderr, which providers stream demo data from the simulator, and where the
     * others stream from. Returns the same lines for the table.
     */
    private List<String> announce(EmbeddedSimulator simulator, ValidatedConfig config, ConfigSource source) {
        Set<String> enabled = config.providers().stream().map(EnabledProvider::id).collect(Collectors.toSet());
        List<SimulatedProvider> streaming = simulator.providers().stream()
                .filter(provider -> enabled.contains(provider.id())).collect(Collectors.toList());
        List<String> real = config.providers().stream().map(EnabledProvider::id)
                .filter(id -> streaming.stream().noneMatch(provider -> provider.id().equals(id)))
                .collect(Collectors.toList());
        String where = (streaming.isEmpty() ? "No provider streams" : SimulatedProviders.names(streaming)
                + (streaming.size() == 1 ? " streams" : " stream")) + " from the built-in simulator on "
                + simulator.endpoint() + " (demo data, not real prices)";
        List<String> lines = new ArrayList<>();
        if (source.kind() == ConfigSource.Kind.DEMO) {
            lines.add("No API keys configured: " + lowerFirst(where) + ".");
            lines.add("Set " + ConfigSource.SAHMK_KEY_VARIABLE + " to stream real prices, or pass -c FILE.");
            for (SimulatedProvider provider : streaming) {
                String variable = provider.credentialVariable();
                if (!variable.equals(ConfigSource.SAHMK_KEY_VARIABLE) && isSet(variable)) {
                    lines.add(variable + " is set but not used by the demo; pass -c FILE to stream "
                            + provider.displayName() + " for real.");
                }
            }
        } else {
            lines.add(where + ", as " + source.description() + " asks.");
        }
        if (!real.isEmpty()) {
            lines.add("Not simulated, from their configured endpoints: " + String.join(", ", real) + ".");
        }
        lines.forEach(invocation.err()::println);
        invocation.err().flush();
        return lines;
    }

    /**
     * With the built-in live configuration, which streams SAHMK only: says which other providers' credentials are
     * in the environment but unused, and how to use them. Metered providers are never started unasked.
     */
    private List<String> unusedKeys(ValidatedConfig config, ConfigSource source) {
        if (source.kind() != ConfigSource.Kind.LIVE) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (SimulatedProvider provider : SimulatedProviders.ALL) {
            boolean enabled = config.providers().stream().anyMatch(p -> p.id().equals(provider.id()));
            if (!enabled && !provider.credentialVariable().equals(ConfigSource.SAHMK_KEY_VARIABLE)
                    && isSet(provider.credentialVariable())) {
                lines.add(provider.credentialVariable() + " is set, but " + source.description() + " streams SAHMK "
                        + "only; add -D" + ConfigPaths.provider(provider.id(), ConfigPaths.PROVIDER_ENABLED)
                        + "=true (with its symbols) or pass -c FILE to stream " + provider.displayName() + " too.");
            }
        }
        lines.forEach(invocation.err()::println);
        invocation.err().flush();
        return lines;
    }

    private boolean isSet(String variable) {
        String value = invocation.environment().get(variable);
        return value != null && !value.isBlank();
    }

    private static String lowerFirst(String text) {
        // "No provider streams ..." reads "no provider streams ..." after the colon; names keep their case.
        return text.startsWith("No ") ? "n" + text.substring(1) : text;
    }
}

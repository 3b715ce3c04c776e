package io.marketfeed.app;

import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigPrinter;
import io.marketfeed.app.config.DialledUrls;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.simulator.EmbeddedSimulator;

/**
 * {@code config}: validates like {@code run} would and prints the URLs each enabled provider will dial, then the
 * effective configuration with each value's origin; every credential masked.
 */
final class ConfigCommand {

    private static final String SIMULATOR_ENDPOINT = "ws://127.0.0.1:0";

    private final Invocation invocation;

    ConfigCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.ShowConfig command) {
        ConfigInputs inputs = ConfigInputs.of(command.configFile(), command.overrides(), invocation);
        inputs.warn(invocation);
        LoadedConfig loaded = inputs.load();
        boolean simulated = loaded.flag(ConfigPaths.SIMULATOR_ENABLED);
        if (simulated) {
            // As run does: the simulator's address and demo keys win; its port is known only once it runs.
            loaded = inputs.load(EmbeddedSimulator.settingsLayer(RunCommand.simulatedProviders(loaded),
                    SIMULATOR_ENDPOINT));
        }
        ValidatedConfig validated = inputs.validator().validate(loaded);
        invocation.out().println("# Effective configuration from " + inputs.source().description()
                + "; credentials masked. It is valid.");
        if (simulated) {
            invocation.out().println("# The simulator picks its port when run starts; " + SIMULATOR_ENDPOINT
                    + " stands for it.");
        }
        invocation.out().println("# run will dial (credentials masked):");
        for (String line : DialledUrls.lines(validated.providers())) {
            invocation.out().println("#   " + line);
        }
        invocation.out().print(ConfigPrinter.render(loaded.merged()));
        invocation.out().flush();
        return ExitCode.OK;
    }
}

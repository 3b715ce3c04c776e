package io.marketfeed.app;

import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.provider.ProvidersReport;
import java.util.Optional;

/**
 * {@code providers}: lists the providers found, built-in and in the plugin folder (from the configuration, so
 * {@code -c} and {@code -D} choose it), with what failed to load and why; with {@code -c} or {@code -D}, also
 * whether that configuration enables each. It is a diagnostic: it exits 0 even when plugins failed.
 */
final class ProvidersCommand {

    private final Invocation invocation;

    ProvidersCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.Providers command) {
        ConfigInputs inputs = ConfigInputs.of(command.configFile(), command.overrides(), invocation);
        Optional<LoadedConfig> config = command.configFile().isPresent() || !command.overrides().isEmpty()
                ? Optional.of(inputs.load())
                : Optional.empty();
        ProvidersReport report = new ProvidersReport(inputs.registry(),
                config.map(loaded -> id -> loaded.flag(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED))));
        invocation.out().print(report.render());
        invocation.out().flush();
        if (!inputs.outsideProblems().isEmpty()) {
            // A named plugin folder that is missing, an unknown log level: still a mistake, after the listing.
            throw new ConfigurationException(inputs.outsideProblems());
        }
        return ExitCode.OK;
    }
}

package io.marketfeed.app;

import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.provider.ProvidersReport;
import java.util.Optional;

/** {@code providers}: lists the providers found, and with {@code -c} whether that configuration enables them. */
final class ProvidersCommand {

    private final Invocation invocation;
    private final ProviderRegistry registry;

    ProvidersCommand(Invocation invocation, ProviderRegistry registry) {
        this.invocation = invocation;
        this.registry = registry;
    }

    int execute(Command.Providers command) {
        Optional<LoadedConfig> config = command.configFile().isPresent() || !command.overrides().isEmpty()
                ? Optional.of(ConfigInputs.of(command.configFile(), command.overrides(), invocation).load())
                : Optional.empty();
        ProvidersReport report = new ProvidersReport(registry,
                config.map(loaded -> id -> loaded.flag(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED))));
        invocation.out().print(report.render());
        invocation.out().flush();
        return ExitCode.OK;
    }
}

package io.marketfeed.app.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.output.OutputFormat;
import java.io.PrintStream;

/** Wires a run with Guice from a validated configuration and runs it. */
public final class FeedApplication {

    private FeedApplication() {
    }

    /**
     * @param config the validated configuration
     * @param format the resolved output format (not {@link OutputFormat#AUTO})
     * @param out stdout
     * @param terminal whether stdout is a terminal
     * @param columns {@code COLUMNS} from the environment; null when unset
     * @param options how the run ends
     * @return the exit code
     */
    public static int run(ValidatedConfig config, OutputFormat format, PrintStream out, boolean terminal,
            String columns, RunOptions options) {
        return injector(config, format, out, terminal, columns, options).getInstance(FeedRunner.class).run();
    }

    /** The run's injector; creating it builds the output but connects nothing. */
    static Injector injector(ValidatedConfig config, OutputFormat format, PrintStream out, boolean terminal,
            String columns, RunOptions options) {
        return Guice.createInjector(Stage.PRODUCTION,
                new StrictBindings(),
                new SettingsModule(config.app()),
                new ProvidersModule(new EnabledProviders(config.providers()), new ConfiguredSinks(config.sinks())),
                new OutputModule(out, format, terminal, columns),
                new FeedModule(options));
    }
}

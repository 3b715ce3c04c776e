package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.marketfeed.app.config.AppSettings;
import io.marketfeed.app.output.EventOutput;
import io.marketfeed.app.output.JsonlOutput;
import io.marketfeed.app.output.NoOutput;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.output.TableOutput;
import io.marketfeed.app.output.TableView;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;

/** Binds the {@link EventOutput} for the chosen format. */
final class OutputModule extends AbstractModule {

    private static final int DEFAULT_WIDTH = 120;

    private final PrintStream out;
    private final OutputFormat format;
    private final boolean terminal;
    private final int width;

    /**
     * @param out stdout
     * @param format {@link OutputFormat#TABLE} or {@link OutputFormat#JSONL}
     * @param terminal whether stdout is a terminal (ANSI redraws)
     * @param columns the terminal's width from {@code COLUMNS}, if known
     */
    OutputModule(PrintStream out, OutputFormat format, boolean terminal, String columns) {
        this.out = requireNonNull(out, "out is null");
        if (format == OutputFormat.AUTO) {
            throw new IllegalArgumentException("resolve AUTO before binding the output");
        }
        this.format = format;
        this.terminal = terminal;
        this.width = width(columns);
    }

    @Override
    protected void configure() {
        // Everything is provided below.
    }

    @Provides
    @Singleton
    EventOutput output(AppSettings settings, RunOptions options) {
        if (format == OutputFormat.JSONL) {
            return new JsonlOutput(out, options.stopRequest());
        }
        if (format == OutputFormat.NONE) {
            return new NoOutput();
        }
        AppSettings.Output output = settings.output();
        TableView view = new TableView(ZoneId.systemDefault(), output.tableRows(), width, options.notes());
        return new TableOutput(out, terminal, output.tableRefresh(), view, Clock.systemDefaultZone());
    }

    private static int width(String columns) {
        try {
            int parsed = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
            return parsed >= 40 ? parsed : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}

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
import io.marketfeed.app.output.TerminalWidth;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;

/** Binds the {@link EventOutput} for the chosen format. */
final class OutputModule extends AbstractModule {

    private final PrintStream out;
    private final OutputFormat format;
    private final boolean terminal;
    private final String columns;

    /**
     * @param out stdout
     * @param format {@link OutputFormat#TABLE} or {@link OutputFormat#JSONL}
     * @param terminal whether stdout is a terminal (ANSI redraws)
     * @param columns {@code COLUMNS} from the environment; null when unset. When set it is the table's width;
     *     otherwise, on a terminal, the terminal's width, followed as it is resized (see {@link TerminalWidth})
     */
    OutputModule(PrintStream out, OutputFormat format, boolean terminal, String columns) {
        this.out = requireNonNull(out, "out is null");
        if (format == OutputFormat.AUTO) {
            throw new IllegalArgumentException("resolve AUTO before binding the output");
        }
        this.format = format;
        this.terminal = terminal;
        this.columns = columns;
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
        TerminalWidth width = TerminalWidth.of(columns, terminal);
        TableView view = new TableView(ZoneId.systemDefault(), output.tableRows(), Math.max(1, width.getAsInt()),
                options.notes());
        return new TableOutput(out, terminal, output.tableRefresh(), view, Clock.systemDefaultZone(), width);
    }
}

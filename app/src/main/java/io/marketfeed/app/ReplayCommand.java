package io.marketfeed.app;

import io.marketfeed.app.config.AppSettings;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.output.EventOutput;
import io.marketfeed.app.output.JsonlOutput;
import io.marketfeed.app.output.NoOutput;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.output.TableOutput;
import io.marketfeed.app.output.TableView;
import io.marketfeed.app.output.TerminalWidth;
import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.sink.Recording;
import io.marketfeed.app.sink.SinkStartException;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.record.RecordFormat;
import io.marketfeed.runtime.record.Replay;
import io.marketfeed.runtime.record.ReplaySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay DIR}: builds the providers and the output from the configuration exactly as {@code run} does (a
 * configuration that enables the simulator is validated as {@code run} validates it, but nothing is started or
 * connected), then runs the recording through the providers' decoders (see {@link Replay}) to every listener, and
 * prints one summary line on stderr. Ctrl-C stops it after the message being replayed.
 *
 * <p>Events go to a list of {@link FeedListener}s, in the recorded order, on this thread: each gets every event,
 * {@code onCaughtUp} before each wait for the recorded pace and at the end, and is closed afterwards when it is
 * {@link AutoCloseable}. Today the list holds the stdout output; a configured sink is one more entry.
 */
final class ReplayCommand {

    private static final Logger log = LoggerFactory.getLogger(ReplayCommand.class);

    /** The simulator's address while validating a configuration that enables it: nothing connects to it. */
    private static final String NO_SIMULATOR = "ws://127.0.0.1:1";

    private final Invocation invocation;

    ReplayCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.Replay command) {
        Path directory = command.directory();
        checkRecording(directory);
        ConfigInputs inputs = ConfigInputs.of(command.configFile(), command.overrides(), invocation);
        inputs.warn(invocation);
        ConfigValidator validator = inputs.validator();
        LoadedConfig loaded = inputs.load();
        ValidatedConfig config = loaded.flag(ConfigPaths.SIMULATOR_ENABLED)
                ? validator.validate(inputs.load(EmbeddedSimulator.settingsLayer(RunCommand.simulatedProviders(loaded),
                        NO_SIMULATOR)))
                : validator.validate(loaded);
        OutputFormat format = command.format().orElse(config.app().output().format()).resolve(invocation.terminal());
        EventOutput output = output(format, config.app());
        Recording recording;
        try {
            recording = Recording.start(config.sinks());
        } catch (SinkStartException e) {
            invocation.err().println("error: " + e.getMessage());
            return ExitCode.USAGE_OR_CONFIG;
        }
        recording.announcements().forEach(invocation.err()::println);
        List<FeedListener> listeners = new ArrayList<>();
        listeners.add(output);
        listeners.addAll(recording.listeners());

        Replay.Builder builder = Replay.builder().speed(command.speed())
                .notices(notice -> invocation.err().println("warning: " + notice));
        for (EnabledProvider provider : config.providers()) {
            builder.provider(provider.id(), provider.protocol(), provider.provider().spiVersion());
        }
        listeners.forEach(builder::listener);
        Replay replay = builder.build();
        invocation.stopRequest().thenAccept(reason -> replay.stop());

        Instant started = Instant.now();
        output.start(() -> new FeedSnapshot(Instant.now(), started, List.of(), List.of()));
        ReplaySummary summary;
        List<String> recorded;
        try {
            summary = replay.run(directory);
        } catch (IOException e) {
            throw new UsageException("cannot read the recording in " + directory + ": " + e.getMessage(),
                    CommandLine.REPLAY_USAGE);
        } finally {
            close(output);
            recorded = recording.close();
        }
        invocation.err().println(summary.line());
        recorded.forEach(invocation.err()::println);
        invocation.err().flush();
        return ExitCode.OK;
    }

    /** The folder holds recording files; otherwise a usage error saying what is wrong. */
    private static void checkRecording(Path directory) {
        String problem = null;
        if (!Files.isDirectory(directory)) {
            problem = Files.exists(directory) ? directory + " is a file; name the folder given to run --record"
                    : "the folder " + directory + " does not exist; name the folder given to run --record";
        } else {
            try {
                if (Replay.files(directory).isEmpty()) {
                    problem = directory + " holds no recording (no " + RecordFormat.PREFIX + "*" + RecordFormat.SUFFIX
                            + " files); name the folder given to run --record";
                }
            } catch (IOException e) {
                problem = "cannot list the folder " + directory + ": " + e.getMessage();
            }
        }
        if (problem != null) {
            throw new UsageException(problem, CommandLine.REPLAY_USAGE);
        }
    }

    /** The output of {@code run} for the format: a replay prints what the live run printed. */
    private EventOutput output(OutputFormat format, AppSettings settings) {
        if (format == OutputFormat.JSONL) {
            return new JsonlOutput(invocation.out(), invocation.stopRequest());
        }
        if (format == OutputFormat.NONE) {
            return new NoOutput();
        }
        TerminalWidth width = TerminalWidth.of(invocation.environment().get("COLUMNS"), invocation.terminal());
        TableView view = new TableView(ZoneId.systemDefault(), settings.output().tableRows(),
                Math.max(1, width.getAsInt()), List.of("Replay of a recording (not live data)"));
        return new TableOutput(invocation.out(), invocation.terminal(), settings.output().tableRefresh(), view,
                Clock.systemDefaultZone(), width);
    }

    private static void close(EventOutput output) {
        try {
            output.close();
        } catch (RuntimeException e) {
            log.warn("closing the output after the replay failed: {}", e.toString());
        }
    }
}

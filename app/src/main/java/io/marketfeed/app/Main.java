package io.marketfeed.app;

import io.marketfeed.api.SpiVersion;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.logging.LogSettings;
import io.marketfeed.app.logging.LogSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code marketfeed} command line. {@link #main} only binds the process (streams, environment, signals,
 * exit code); everything else goes through {@link #run(String[], Invocation)}, which tests call in-process.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /**
     * The system property with the Marketfeed folder, set by the launcher. It is not configuration: every other
     * {@code marketfeed.*} system property is.
     */
    static final String HOME_PROPERTY = "marketfeed.home";

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything is logged: JSON lines, a log file (a value it cannot use is reported by run(), exit 2).
        LogSetup.configureProcess(System.getProperties(), System.getenv()).forEach(System.err::println);
        CompletableFuture<String> stopRequest = new CompletableFuture<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        SignalTrap.install(stopRequest, finished);
        Invocation invocation = new Invocation(System.out, System.err, System.getenv(),
                marketfeedProperties(System.getProperties()), System.console() != null, stopRequest,
                Path.of(System.getProperty(HOME_PROPERTY, "")));
        int code = run(args, invocation);
        finished.complete(null);
        System.exit(code);
    }

    /** Runs a command in-process and returns its exit code; it ends on its own (duration, all failed) or never. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        return run(args, out, err, environment, new CompletableFuture<>());
    }

    /**
     * Runs a command in-process; completing {@code stopRequest} acts like SIGINT. Stdout counts as a terminal
     * only when it is the process's own and the process has a console. The Marketfeed folder is the current
     * directory.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            CompletableFuture<String> stopRequest) {
        boolean terminal = out == System.out && System.console() != null;
        return run(args, new Invocation(out, err, environment, Map.of(), terminal, stopRequest, Path.of("")));
    }

    /** Runs a command and returns its exit code; see {@link ExitCode}. */
    public static int run(String[] args, Invocation invocation) {
        PrintStream err = invocation.err();
        try {
            return dispatch(CommandLine.parse(Arrays.asList(args)), invocation);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + e.usage());
            return ExitCode.USAGE_OR_CONFIG;
        } catch (ConfigurationException e) {
            e.lines().forEach(err::println);
            return ExitCode.USAGE_OR_CONFIG;
        } catch (RuntimeException | LinkageError e) {
            log.error("Unexpected failure", e);
            err.println("error: unexpected failure: " + e);
            return ExitCode.INTERNAL_ERROR;
        } finally {
            invocation.out().flush();
            err.flush();
        }
    }

    private static int dispatch(Command command, Invocation invocation) {
        if (command instanceof Command.Help) {
            invocation.out().print(HelpText.of(((Command.Help) command).topic()));
            return ExitCode.OK;
        }
        if (command instanceof Command.Version) {
            invocation.out().println("marketfeed " + AppVersion.current() + " (provider SPI "
                    + SpiVersion.CURRENT + ")");
            return ExitCode.OK;
        }
        LogSettings.Reading logging = LogSettings.read(invocation.systemProperties(), invocation.environment());
        if (logging instanceof LogSettings.Invalid) {
            throw new ConfigurationException(((LogSettings.Invalid) logging).problems());
        }
        if (command instanceof Command.Run) {
            return new RunCommand(invocation).execute((Command.Run) command);
        }
        if (command instanceof Command.Replay) {
            return new ReplayCommand(invocation).execute((Command.Replay) command);
        }
        if (command instanceof Command.ShowConfig) {
            return new ConfigCommand(invocation).execute((Command.ShowConfig) command);
        }
        if (command instanceof Command.Providers) {
            return new ProvidersCommand(invocation).execute((Command.Providers) command);
        }
        if (command instanceof Command.Simulate) {
            // The other commands report it with the configuration's problems.
            LogLevel.problem(invocation.systemProperties(), invocation.environment()).ifPresent(problem -> {
                throw new ConfigurationException(List.of(problem));
            });
            return new SimulateCommand(invocation).execute((Command.Simulate) command);
        }
        throw new IllegalStateException("no handler for " + command);
    }

    /**
     * The JVM's {@code -Dmarketfeed.*} properties, which override configuration files (all but the home folder), and
     * {@code -DMARKETFEED_LOG_LEVEL}, {@code -DMARKETFEED_LOG_FORMAT} and {@code -DMARKETFEED_LOG_FILE}, which are read
     * before the environment variables of those names.
     */
    static Map<String, String> marketfeedProperties(Properties properties) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if ((name.startsWith("marketfeed.") && !name.equals(HOME_PROPERTY)) || name.equals(LogLevel.VARIABLE)
                    || LogSettings.VARIABLES.contains(name)) {
                selected.put(name, properties.getProperty(name));
            }
        }
        return selected;
    }
}

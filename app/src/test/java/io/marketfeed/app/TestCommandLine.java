package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.simulator.SimulatedProviders;
import io.marketfeed.app.simulator.SimulatorOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCommandLine {

    @Test
    void runWithEveryOption() {
        Command command = parse("run", "-c", "my.conf", "--duration", "15s", "--format", "jsonl",
                "-Dmarketfeed.stop-timeout=10s", "-D", "marketfeed.providers.sahmk.symbols=[2222]");

        assertEquals(new Command.Run(Optional.of(Path.of("my.conf")), Optional.of(Duration.ofSeconds(15)),
                Optional.of(OutputFormat.JSONL), Map.of("marketfeed.stop-timeout", "10s",
                "marketfeed.providers.sahmk.symbols", "[2222]")), command);
    }

    @Test
    void optionsTakeValuesAfterEquals() {
        assertEquals(new Command.Run(Optional.of(Path.of("a.conf")), Optional.of(Duration.ofMillis(500)),
                Optional.of(OutputFormat.TABLE), Map.of()),
                parse("run", "--config=a.conf", "--duration=500ms", "--format=table"));
        assertEquals(new Command.Run(Optional.empty(), Optional.empty(), Optional.empty(), Map.of()), parse("run"));
    }

    @Test
    void otherCommands() {
        assertEquals(new Command.Simulate(SimulatedProviders.ids(), 8765, List.of()), parse("simulate"));
        assertEquals(new Command.Simulate(SimulatedProviders.ids(), 0, List.of()), parse("simulate", "--port=0"));
        assertEquals(new Command.Simulate(List.of("sahmk"), 9000, List.of()), parse("simulate", "--provider", "sahmk",
                "--port", "9000"));
        assertEquals(new Command.Providers(Optional.of(Path.of("x.conf")), Map.of()), parse("providers", "-c",
                "x.conf"));
        assertEquals(new Command.ShowConfig(Optional.empty(), Map.of("marketfeed.stop-timeout", "1s")),
                parse("config", "-Dmarketfeed.stop-timeout=1s"));
        assertEquals(new Command.Help(Optional.empty()), parse("--help"));
        assertEquals(new Command.Help(Optional.empty()), parse("-h"));
        assertEquals(new Command.Help(Optional.of("run")), parse("help", "run"));
        assertEquals(new Command.Help(Optional.of("run")), parse("run", "--duration", "5s", "--help"));
        assertEquals(new Command.Version(), parse("--version"));
    }

    @Test
    void simulateChoosesProvidersAndPassesTickAtlasOptionsThrough() {
        assertEquals(new Command.Simulate(SimulatedProviders.ids(), 8765, List.of()),
                parse("simulate", "--provider", "all"));
        assertEquals(new Command.Simulate(List.of("tickatlas", "sahmk"), 8765, List.of()),
                parse("simulate", "--provider=tickatlas,sahmk,tickatlas"));
        assertEquals(new Command.Simulate(List.of("tickatlas"), 0, List.of(
                new SimulatorOption("tickatlas", "--quota-reset-every", Optional.of("2m")),
                new SimulatorOption("tickatlas", "--flat-quotes", Optional.empty()),
                new SimulatorOption("tickatlas", "--key", Optional.of("mine=starter:500")))),
                parse("simulate", "--provider", "tickatlas", "--port", "0", "--quota-reset-every", "2m",
                        "--flat-quotes", "--key=mine=starter:500"));
    }

    @Test
    void simulateMistakes() {
        assertUsage("--provider: there is no simulator for provider 'sahmck'; did you mean 'sahmk'?; simulators "
                + "exist for: " + String.join(", ", SimulatedProviders.ids()) + "; or all for every one",
                CommandLine.SIMULATE_USAGE, "simulate", "--provider", "sahmck");
        assertUsage("--quota-reset-every is an option of the tickatlas simulator; add tickatlas to --provider (or "
                + "use --provider all)", CommandLine.SIMULATE_USAGE, "simulate", "--provider", "sahmk",
                "--quota-reset-every", "1m");
        assertUsage("unknown option '--quota-reset-evry'; did you mean '--quota-reset-every'?",
                CommandLine.SIMULATE_USAGE, "simulate", "--quota-reset-evry", "1m");
        assertUsage("option --flat-quotes takes no value", CommandLine.SIMULATE_USAGE, "simulate",
                "--flat-quotes=yes");
        assertUsage("option --quote-interval needs a value", CommandLine.SIMULATE_USAGE, "simulate",
                "--quote-interval");
    }

    @Test
    void mistakesNameTheProblemAndTheUsage() {
        assertUsage("no command given", CommandLine.OVERVIEW_USAGE);
        assertUsage("unknown command 'rn'; did you mean 'run'?", CommandLine.OVERVIEW_USAGE, "rn");
        assertUsage("unknown option '--verbose'", CommandLine.OVERVIEW_USAGE, "--verbose");
        assertUsage("unknown option '--formt'; did you mean '--format'?", CommandLine.RUN_USAGE, "run", "--formt",
                "jsonl");
        assertUsage("option --duration needs a value", CommandLine.RUN_USAGE, "run", "--duration");
        assertUsage("option -c needs a value", CommandLine.RUN_USAGE, "run", "-c", "--duration", "5s");
        assertUsage("option --duration is given twice", CommandLine.RUN_USAGE, "run", "--duration", "5s",
                "--duration=6s");
        assertUsage("--duration: invalid duration '15': use a number and a unit (ms, s, m, h or d), such as 500ms, "
                + "15s, 2m or 1h", CommandLine.RUN_USAGE, "run", "--duration", "15");
        assertUsage("--duration: invalid duration '-5s': must be positive, such as 500ms, 15s, 2m or 1h",
                CommandLine.RUN_USAGE, "run", "--duration", "-5s");
        assertUsage("--duration: invalid duration '-5s': must be positive, such as 500ms, 15s, 2m or 1h",
                CommandLine.RUN_USAGE, "run", "--duration=-5s");
        assertUsage("--duration: invalid duration '0s': must be positive, such as 500ms, 15s, 2m or 1h",
                CommandLine.RUN_USAGE, "run", "--duration", "0s");
        assertUsage("option --duration needs a value", CommandLine.RUN_USAGE, "run", "--duration", "--format",
                "jsonl");
        assertUsage("--format: unknown format 'csv'; use table, jsonl or none", CommandLine.RUN_USAGE, "run", "--format",
                "csv");
        assertUsage("unexpected argument 'extra'", CommandLine.RUN_USAGE, "run", "extra");
        assertUsage("-D needs path=value, such as -Dmarketfeed.stop-timeout=10s, got '-Dmarketfeed.x'",
                CommandLine.RUN_USAGE, "run", "-Dmarketfeed.x");
        assertUsage("-Dlogback.debug: -D sets configuration under marketfeed.*; pass JVM options in "
                + "MARKETFEED_JAVA_OPTS", CommandLine.RUN_USAGE, "run", "-Dlogback.debug=true");
        assertUsage("--port: '70000' is not a port number (0 to 65535; 0 picks a free port)",
                CommandLine.SIMULATE_USAGE, "simulate", "--port", "70000");
        assertUsage("unknown option '--duration'", CommandLine.SIMULATE_USAGE, "simulate", "--duration", "5s");
        assertUsage("help takes one command name: run, replay, config, providers, simulate, help",
                CommandLine.OVERVIEW_USAGE, "help", "me");
    }

    private static Command parse(String... arguments) {
        return CommandLine.parse(List.of(arguments));
    }

    private static void assertUsage(String message, String usage, String... arguments) {
        UsageException e = assertThrows(UsageException.class, () -> parse(arguments), String.join(" ", arguments));
        assertEquals(message, e.getMessage());
        assertEquals(usage, e.usage());
    }
}

package io.marketfeed.app;

import io.marketfeed.app.simulator.SimulatedProviders;
import java.util.Optional;

/** The text of {@code --help} and {@code help COMMAND}. */
final class HelpText {

    private static final String OVERVIEW = String.join("\n",
            "Marketfeed: real-time market data from WebSocket feeds, as a table or as JSON lines.",
            "",
            "Commands:",
            "  run        stream events to stdout until the duration ends or Ctrl-C",
            "  replay     run a recording (run --record DIR) through the providers' decoders again",
            "  config     check a configuration and print it with each value's origin (keys masked)",
            "  providers  list the providers found (built-in and plugins) and the plugins that failed",
            "  simulate   run the built-in simulators (SAHMK, TickAtlas, ...) on their own, for trying clients",
            "  help       this text, or help COMMAND for one command",
            "",
            "Usage:",
            "  " + CommandLine.RUN_USAGE,
            "  " + CommandLine.REPLAY_USAGE,
            "  " + CommandLine.CONFIG_USAGE,
            "  " + CommandLine.PROVIDERS_USAGE,
            "  " + CommandLine.SIMULATE_USAGE,
            "  marketfeed --help | --version",
            "",
            "Without -c, run streams from the real SAHMK feed when SAHMK_API_KEY is set, and otherwise SAHMK,",
            "TickAtlas, AllTick and Screener from the built-in simulator (demo data, not real prices).",
            "",
            "Exit codes: 0 normal end (duration, Ctrl-C, SIGTERM); 2 usage or configuration error;",
            "3 every enabled provider stopped on a fatal error; 1 internal error.",
            "A provider runs when the configuration enables it: a provider block that lists symbols is enabled",
            "unless it says enabled = false. A key in the environment never enables a provider by itself.",
            "",
            "Logs go to stderr; MARKETFEED_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR or OFF) sets their level.",
            "");

    private static final String RUN = String.join("\n",
            "usage: " + CommandLine.RUN_USAGE,
            "",
            "Streams events from every enabled provider to stdout.",
            "",
            "  -c, --config FILE   HOCON configuration; without it, the built-in live configuration (SAHMK only,",
            "                      when SAHMK_API_KEY is set) or the built-in demo with the simulator",
            "  --duration D        stop after D, such as 500ms, 15s, 2m, 1h (default: until Ctrl-C)",
            "  --format F          table (a live view), jsonl (one JSON event per line), or none (events are",
            "                      received, decoded and counted, then discarded: for measuring); the default is",
            "                      marketfeed.output.format: table on a terminal, jsonl otherwise",
            "  --record DIR        also record every received message, with its receive time and connection,",
            "                      into gzip files in DIR (created when missing; a new file every 64 MiB or hour);",
            "                      marketfeed replay DIR runs them through the decoders again",
            "  -Dpath=value        set a configuration value, such as -Dmarketfeed.stop-timeout=10s;",
            "                      values starting with [ or { are HOCON: -Dmarketfeed.providers.sahmk.symbols=[2222]",
            "",
            "The configuration is checked completely before anything connects; every problem is reported at once.",
            "The table follows the terminal's width as it is resized (COLUMNS, when set, wins); when narrow, it",
            "leaves out the least useful columns first (quotes: VOLUME, TIME, CHG %, BID and ASK, PROVIDER).",
            "");

    private static final String REPLAY = String.join("\n",
            "usage: " + CommandLine.REPLAY_USAGE,
            "",
            "Runs a recording made with run --record DIR through the decoders of the providers the configuration",
            "enables, and writes the events to stdout as run would (nothing connects). Each recorded connection gets",
            "a fresh session, is told of the requests it was asked for, and decodes every recorded message with its",
            "recorded receive time, so the events are the ones the live run delivered. Acknowledgements, heartbeats",
            "and the server's errors are counted, not acted on. A summary line goes to stderr at the end.",
            "",
            "  DIR               the recording folder; its frames-*.mfr.gz files are read in name order",
            "  --speed S         max (the default): as fast as possible; 1x: the recorded pace; or a factor such",
            "                    as 2x (twice as fast) or 0.5x",
            "  -c, --config FILE, --format F, -Dpath=value   as for run: the configuration that builds the",
            "                    providers (use the one the recording was made with) and the output",
            "",
            "A hole the recorder left (it could not keep up, and said so) and a last record cut short by a crash are",
            "reported as warnings; the rest of the recording is replayed.",
            "");

    private static final String CONFIG = String.join("\n",
            "usage: " + CommandLine.CONFIG_USAGE,
            "",
            "Checks the configuration exactly as run would, then prints the URL(s) each enabled provider will",
            "dial and the effective configuration with the origin (file:line) of every value. Credentials are",
            "masked.",
            "");

    private static final String PROVIDERS = String.join("\n",
            "usage: " + CommandLine.PROVIDERS_USAGE,
            "",
            "Lists every provider found, built-in and in the plugin folder: id, description, version, SPI",
            "version and compatibility, capabilities, where it came from (built-in, or the plugin's jar) and",
            "whether it loaded. Then every plugin that failed to load, with its path and the reason.",
            "With -c, also whether that configuration enables each provider.",
            "",
            "The plugin folder is marketfeed.plugin-path (default: plugins/ beside the marketfeed launcher).",
            "Each *.jar in it, and each sub-folder of jars (a plugin with its dependencies), is one plugin.",
            "Exits 0 even when plugins failed: it is a diagnostic.",
            "");

    private static final String SIMULATE = String.join("\n",
            "usage: " + CommandLine.SIMULATE_USAGE,
            "",
            "Runs protocol-faithful simulators on 127.0.0.1, all on one port, until Ctrl-C, and prints their",
            "WebSocket URLs, demo keys, the Marketfeed configuration for each, and the HTTP control URL for fault",
            "injection (drop, stall, close with a code, malformed frames, refuse connections, change limits).",
            "",
            "  --provider IDS  all (the default), or some of " + String.join(", ", SimulatedProviders.ids()),
            "                  separated by commas",
            "  --port N        the port (default " + CommandLine.DEFAULT_SIMULATOR_PORT + "; 0 picks a free one)",
            "",
            "TickAtlas simulator options:",
            "  --quota-reset-every D     also reset every credit quota every D, such as 2m (00:00 UTC always does)",
            "  --update-interval D       a quote per symbol every D (default 1s; also --quote-interval), or",
            "  --rate R                  R quotes per second per symbol",
            "  --key KEY=PLAN[:QUOTA]    accept KEY on PLAN (starter, pro, enterprise, free, payg); repeatable",
            "  --connections-per-key N, --heartbeat D, --auth-deadline D, --flat-quotes, --seed N",
            "Its key ta_small_quota_key (Starter, 1500 credits) runs out in about a minute on five symbols: the",
            "credit forecast and exhaustion, end to end.",
            "");

    private HelpText() {
    }

    static String of(Optional<String> topic) {
        switch (topic.orElse("")) {
            case "run":
                return RUN;
            case "replay":
                return REPLAY;
            case "config":
                return CONFIG;
            case "providers":
                return PROVIDERS;
            case "simulate":
                return SIMULATE;
            default:
                return OVERVIEW;
        }
    }
}

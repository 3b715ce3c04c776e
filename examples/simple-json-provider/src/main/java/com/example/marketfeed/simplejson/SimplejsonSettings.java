package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validated settings of one instance ({@code marketfeed.providers.simplejson}), built eagerly by
 * {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: the key is a
 * {@link Secret}.
 *
 * @param enabled whether the runner starts the provider
 * @param apiKey the API key; empty only when the provider is disabled
 * @param endpoint the stream's URL, without credentials
 * @param symbols ticker symbols (topic {@code quotes})
 * @param tradeSymbols trade symbols (topic {@code trades})
 * @param heartbeat pings and staleness
 * @param limits the server's limits with configured overrides
 */
public record SimplejsonSettings(boolean enabled, Secret apiKey, URI endpoint, List<String> symbols,
        List<String> tradeSymbols, HeartbeatSpec heartbeat, Limits limits) {

    /**
     * The server's published limits: 200 symbols per connection, 50 per request, 5 connections per key, 100 ms
     * between requests on a connection, and a connection attempt at most once a second. Facts of the
     * protocol, not preferences, so they live here; {@code limits.*} keys may lower (or raise) them.
     */
    static final Limits SERVER_LIMITS = Limits.builder().maxSymbolsPerConnection(200).maxSymbolsPerFrame(50)
            .maxConnections(5).minControlGap(Duration.ofMillis(100)).minReconnectGap(Duration.ofSeconds(1)).build();

    /**
     * The client pings and any frame proves liveness. The durations are placeholders: both {@code heartbeat.*}
     * keys are required, so {@link CommonSettings#heartbeat} always replaces them.
     */
    private static final HeartbeatSpec HEARTBEAT_FACTS =
            new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(15), Duration.ofSeconds(45), Liveness.ANY_FRAME);

    /** BASE-QUOTE in upper-case letters and digits, such as {@code BTC-USD}. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,16}-[A-Z0-9]{1,16}");
    static final String SYMBOL_RULE = "BASE-QUOTE in upper-case letters and digits, such as BTC-USD";

    public SimplejsonSettings {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(endpoint, "endpoint is null");
        symbols = List.copyOf(symbols);
        tradeSymbols = List.copyOf(tradeSymbols);
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(limits, "limits is null");
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static SimplejsonSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        Secret apiKey = apiKey(in, enabled);
        URI endpoint = endpoint(in);
        List<String> symbols = symbols(in, SYMBOLS);
        List<String> tradeSymbols = symbols(in, TRADE_SYMBOLS);
        heartbeat(in);
        COUNT_LIMITS.forEach(in::checkOptionalCount);
        GAP_LIMITS.forEach(in::checkOptionalGap);
        in.throwIfAny();
        // Every value is known to be readable now, so the api's helpers cannot fail.
        return new SimplejsonSettings(enabled, apiKey, endpoint, symbols, tradeSymbols,
                CommonSettings.heartbeat(source, HEARTBEAT_FACTS), CommonSettings.limits(source, SERVER_LIMITS));
    }

    /** Whether {@code symbol} has the form the server accepts. */
    static boolean isSymbol(String symbol) {
        return SYMBOL.matcher(symbol).matches();
    }

    private static Secret apiKey(SettingsReader in, boolean enabled) {
        Secret key = in.secret(API_KEY).orElse(Secret.of(""));
        if (key.isEmpty() && enabled) {
            in.problem(API_KEY, "is not set: set the environment variable " + API_KEY_ENV
                    + " to your key, or disable the provider");
        } else if (key.reveal().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            // Usually a trailing newline from a file or a shell substitution; it would corrupt the header.
            in.problem(API_KEY, "contains white space or control characters; check " + API_KEY_ENV);
        }
        return key;
    }

    /** The URL. Its text is never quoted in a message: a user may have pasted one that carries the key. */
    private static URI endpoint(SettingsReader in) {
        String text = in.string(ENDPOINT).strip();
        URI placeholder = URI.create("wss://invalid.invalid");
        if (in.failed(ENDPOINT)) {
            return placeholder;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            in.problem(ENDPOINT, "is not a valid URL; expected something like wss://stream.example.com/v1/ws");
            return placeholder;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            in.problem(ENDPOINT, "must be a ws:// or wss:// URL, such as wss://stream.example.com/v1/ws");
        } else if (uri.getHost() == null) {
            in.problem(ENDPOINT, "must name a host, such as wss://stream.example.com/v1/ws");
        } else if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            in.problem(ENDPOINT, "must not contain credentials or a fragment; the key comes from api-key ("
                    + API_KEY_ENV + ")");
        }
        return in.failed(ENDPOINT) ? placeholder : uri;
    }

    private static List<String> symbols(SettingsReader in, String path) {
        List<String> symbols = in.stringList(path);
        List<String> valid = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            if (isSymbol(symbols.get(i))) {
                valid.add(symbols.get(i));
            } else {
                in.problem(path, "entry [" + i + "] '" + symbols.get(i) + "' is not a symbol; expected "
                        + SYMBOL_RULE);
            }
        }
        return valid;
    }

    private static void heartbeat(SettingsReader in) {
        Duration interval = in.positiveDuration(HEARTBEAT_INTERVAL);
        Duration timeout = in.positiveDuration(HEARTBEAT_TIMEOUT);
        if (!in.failed(HEARTBEAT_INTERVAL) && !in.failed(HEARTBEAT_TIMEOUT) && timeout.compareTo(interval) <= 0) {
            in.problem(HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval (" + interval
                    + "), or every connection would look stale between two pings");
        }
    }
}

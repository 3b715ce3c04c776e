package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.toolkit.SettingsChecks;
import java.net.URI;
import java.util.List;

/**
 * The validated settings of one instance ({@code marketfeed.providers.simplejson}), built eagerly by
 * {@link #from}, which reports every problem at once. Only the provider's own keys: {@code heartbeat.*} and
 * {@code limits.*} are checked and applied by the host. {@link #toString()} is safe to log: the key is a
 * {@link Secret}.
 *
 * @param enabled whether the runner starts the provider
 * @param apiKey the API key; empty only when the provider is disabled
 * @param endpoint the stream's URL, without credentials
 * @param symbols ticker symbols (topic {@code quotes})
 * @param tradeSymbols trade symbols (topic {@code trades})
 */
public record SimplejsonSettings(boolean enabled, Secret apiKey, URI endpoint, List<String> symbols,
        List<String> tradeSymbols) {

    private static final String EXAMPLE_URL = "wss://stream.example.com/v1/ws";

    public SimplejsonSettings {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(endpoint, "endpoint is null");
        symbols = List.copyOf(symbols);
        tradeSymbols = List.copyOf(tradeSymbols);
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static SimplejsonSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        Secret apiKey = in.credential(API_KEY, enabled, API_KEY_ENV, "simplejson API key");
        URI endpoint = in.webSocketUrl(ENDPOINT, EXAMPLE_URL, API_KEY + " (" + API_KEY_ENV + ")");
        List<String> symbols = symbols(in, SYMBOLS);
        List<String> tradeSymbols = symbols(in, TRADE_SYMBOLS);
        in.throwIfAny();
        return new SimplejsonSettings(enabled, apiKey, endpoint, symbols, tradeSymbols);
    }

    private static List<String> symbols(SettingsReader in, String path) {
        return SettingsChecks.symbols(in, path, SimplejsonSymbols::isSymbol, "a simplejson symbol",
                SimplejsonSymbols.RULE);
    }
}

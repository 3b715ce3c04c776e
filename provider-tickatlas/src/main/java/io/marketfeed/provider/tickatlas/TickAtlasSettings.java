package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TickAtlasConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.toolkit.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The validated settings of one TickAtlas instance ({@code marketfeed.providers.tickatlas}): its own keys only; the
 * host checks and applies {@code heartbeat.interval}/{@code timeout}, {@code limits.*} and the credit policy. Built
 * eagerly by {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: the key is a
 * {@link Secret}.
 *
 * @param enabled whether the runner starts the provider
 * @param apiKey the API key; empty only when the provider is disabled
 * @param url the URL as dialled, without query or credentials: {@code endpoint} as written when it has a path (the
 *     streaming guide's {@code wss://tickatlas.com/ws/v1/quotes}), otherwise the base URL with that path appended
 * @param plan the plan, which sets the default symbol limit and credits per push
 * @param symbols the symbols to stream
 * @param candles whether each push is also delivered as an M1 candle
 * @param authTimeout how long the server may take to answer the auth message
 * @param clientPing whether marketfeed also pings ({@code heartbeat.client-ping}); the server's heartbeat suffices
 * @param costPerPush credits one push costs (the plan's unless configured)
 * @param dailyQuota the daily credit quota when configured
 */
public record TickAtlasSettings(boolean enabled, Secret apiKey, URI url, TickAtlasPlan plan, List<String> symbols,
        boolean candles, Duration authTimeout, boolean clientPing, long costPerPush, OptionalLong dailyQuota) {

    /** The api-reference page's "coming soon" surface (protocols.md §3.2, B); not what this provider speaks. */
    static final String ANNOUNCED_STREAM_PATH = "/v1/stream";

    public TickAtlasSettings {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(url, "url is null");
        requireNonNull(plan, "plan is null");
        symbols = List.copyOf(symbols);
        requireNonNull(authTimeout, "authTimeout is null");
        requireNonNull(dailyQuota, "dailyQuota is null");
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static TickAtlasSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        Secret apiKey = in.credential(API_KEY, enabled, API_KEY_ENV,
                "TickAtlas API key (Starter plan or higher)");
        URI url = url(in);
        TickAtlasPlan plan = SettingsChecks.oneOf(in, PLAN, TickAtlasPlan::fromName,
                "starter, pro or enterprise (the plans with WebSocket streaming)", TickAtlasPlan.STARTER);
        List<String> symbols = SettingsChecks.symbols(in, SYMBOLS, TickAtlasSymbols::isWellFormed,
                "a TickAtlas symbol", TickAtlasSymbols.RULE);
        boolean candles = in.bool(CANDLES);
        Duration authTimeout = SettingsChecks.positiveDuration(in, AUTH_TIMEOUT);
        boolean clientPing = in.bool(HEARTBEAT_CLIENT_PING);
        OptionalInt costPerPush = SettingsChecks.optionalAtLeast(in, CREDITS_COST_PER_PUSH, 0);
        OptionalInt dailyQuota = SettingsChecks.optionalAtLeast(in, CREDITS_DAILY_QUOTA, 1);
        in.throwIfAny();
        return new TickAtlasSettings(enabled, apiKey, url, plan, symbols, candles, authTimeout, clientPing,
                costPerPush.orElse(plan.creditsPerPush()),
                dailyQuota.isPresent() ? OptionalLong.of(dailyQuota.getAsInt()) : OptionalLong.empty());
    }

    /**
     * {@code endpoint}: the streaming guide's URL {@code wss://tickatlas.com/ws/v1/quotes} (or any other full URL),
     * used as given, or a base URL such as {@code wss://tickatlas.com}, to which {@link TickAtlasProtocol#PATH} is
     * appended. The api-reference page's {@code /v1/stream} (marked "coming soon", key in the URL) is refused: it is
     * another protocol.
     */
    private static URI url(SettingsReader in) {
        URI url = in.webSocketUrl(ENDPOINT, "wss://tickatlas.com" + TickAtlasProtocol.PATH + " (or the base URL "
                + "wss://tickatlas.com)", "api-key (" + API_KEY_ENV + "), sent in the first message after connecting");
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith(ANNOUNCED_STREAM_PATH) || path.endsWith(ANNOUNCED_STREAM_PATH + "/")) {
            in.problem(ENDPOINT, "points at " + ANNOUNCED_STREAM_PATH + ", the surface TickAtlas's API reference "
                    + "announces as coming soon (key in the URL, other messages), which this provider does not speak; "
                    + "use the streaming guide's wss://tickatlas.com" + TickAtlasProtocol.PATH
                    + " or the base URL wss://tickatlas.com");
        }
        return SettingsReader.resolve(url, TickAtlasProtocol.PATH);
    }
}

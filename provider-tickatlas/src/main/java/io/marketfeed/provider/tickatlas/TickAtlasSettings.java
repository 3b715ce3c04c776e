package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TickAtlasConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import java.net.URI;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The validated settings of one TickAtlas instance ({@code marketfeed.providers.tickatlas}). Built eagerly by
 * {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: the key is a
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
 * @param heartbeat who pings, and staleness
 * @param limits the plan's limits with configured overrides
 * @param credits what a push costs and what to do when the quota would run out
 */
public record TickAtlasSettings(boolean enabled, Secret apiKey, URI url, TickAtlasPlan plan,
        List<String> symbols, boolean candles, Duration authTimeout, HeartbeatSpec heartbeat, Limits limits,
        Credits credits) {

    /**
     * TickAtlas's heartbeat facts: the server sends {@code heartbeat} unprompted and any frame proves liveness.
     * The numbers are placeholders: both {@code heartbeat.*} durations are required, so
     * {@link CommonSettings#heartbeat} always replaces them.
     */
    private static final HeartbeatSpec SERVER_HEARTBEAT =
            new HeartbeatSpec(Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(75), Liveness.ANY_FRAME);

    /** The api-reference page's "coming soon" surface (protocols.md §3.2, B); not what this provider speaks. */
    static final String ANNOUNCED_STREAM_PATH = "/v1/stream";

    public TickAtlasSettings {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(url, "url is null");
        requireNonNull(plan, "plan is null");
        symbols = List.copyOf(symbols);
        requireNonNull(authTimeout, "authTimeout is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(credits, "credits is null");
    }

    /**
     * Credit accounting.
     *
     * @param costPerPush credits one push costs (the plan's unless configured)
     * @param dailyQuota the daily quota when configured
     * @param policy what to do when the forecast says the quota runs out before the reset
     */
    public record Credits(long costPerPush, OptionalLong dailyQuota, CreditPolicy policy) {
        public Credits {
            requireNonNull(dailyQuota, "dailyQuota is null");
            requireNonNull(policy, "policy is null");
        }
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
        TickAtlasPlan plan = plan(in);
        List<String> symbols = symbols(in, SYMBOLS);
        boolean candles = in.bool(CANDLES);
        Duration authTimeout = positive(in, AUTH_TIMEOUT);
        boolean clientPing = in.bool(HEARTBEAT_CLIENT_PING);
        OptionalInt costPerPush = atLeast(in, CREDITS_COST_PER_PUSH, 0);
        OptionalInt dailyQuota = atLeast(in, CREDITS_DAILY_QUOTA, 1);
        List<String> priority = source.hasPath(CREDITS_PRIORITY) ? symbols(in, CREDITS_PRIORITY) : List.of();
        commonProblems(in);
        in.throwIfAny();
        HeartbeatSpec facts = clientPing
                ? new HeartbeatSpec(Pinger.CLIENT, SERVER_HEARTBEAT.interval(), SERVER_HEARTBEAT.staleTimeout(),
                        Liveness.ANY_FRAME)
                : SERVER_HEARTBEAT;
        HeartbeatSpec heartbeat = CommonSettings.heartbeat(source, facts);
        Limits limits = CommonSettings.limits(source, plan.limits());
        CreditPolicy policy = CommonSettings.creditPolicy(source);
        Credits credits = new Credits(costPerPush.orElse(plan.creditsPerPush()),
                dailyQuota.isPresent() ? OptionalLong.of(dailyQuota.getAsInt()) : OptionalLong.empty(),
                new CreditPolicy(policy.mode(), priority));
        return new TickAtlasSettings(enabled, apiKey, url, plan, symbols, candles, authTimeout, heartbeat,
                limits, credits);
    }

    private static TickAtlasPlan plan(SettingsReader in) {
        String name = in.string(PLAN);
        return TickAtlasPlan.fromName(name).orElseGet(() -> {
            if (!in.failed(PLAN)) {
                in.problem(PLAN, "must be one of starter, pro or enterprise (the plans with WebSocket streaming), "
                        + "got '" + name + "'");
            }
            return TickAtlasPlan.STARTER;
        });
    }

    /** Well-formed symbols, each once; duplicates are a problem too, since each would be billed once anyway. */
    private static List<String> symbols(SettingsReader in, String path) {
        List<String> symbols = in.stringList(path);
        Set<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            if (!TickAtlasSymbols.isWellFormed(symbol)) {
                in.problem(path, "entry [" + i + "] '" + symbol + "' is not a TickAtlas symbol; expected "
                        + TickAtlasSymbols.RULE);
            } else if (!valid.add(symbol)) {
                in.problem(path, "entry [" + i + "] '" + symbol + "' is listed twice");
            }
        }
        return List.copyOf(valid);
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

    private static Duration positive(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && (value.isZero() || value.isNegative())) {
            in.problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    private static OptionalInt atLeast(SettingsReader in, String path, int minimum) {
        OptionalInt value = in.optionalInteger(path);
        if (value.isPresent() && value.getAsInt() < minimum) {
            in.problem(path, "must be at least " + minimum + " (or null for the default), got " + value.getAsInt());
            return OptionalInt.empty();
        }
        return value;
    }

    /**
     * Problems with the keys {@link CommonSettings} handles. Their types are checked here first, because its
     * helpers throw at the first wrongly typed value; such values are then hidden from it so that it still
     * reports everything else. Also checks the one cross-key rule.
     */
    private static void commonProblems(SettingsReader in) {
        Set<String> mistyped = new HashSet<>();
        readable(in, HEARTBEAT_INTERVAL, mistyped, () -> in.duration(HEARTBEAT_INTERVAL));
        readable(in, HEARTBEAT_TIMEOUT, mistyped, () -> in.duration(HEARTBEAT_TIMEOUT));
        for (String key : List.of(MAX_SYMBOLS_PER_CONNECTION, MAX_SYMBOLS_PER_FRAME, MAX_CONNECTIONS)) {
            readable(in, key, mistyped, () -> in.checkOptionalInteger(key));
        }
        for (String key : List.of(MIN_CONTROL_GAP, MIN_RECONNECT_GAP)) {
            readable(in, key, mistyped, () -> in.checkOptionalDuration(key));
        }
        readable(in, CREDITS_ON_FORECAST_EXHAUSTION, mistyped, () -> in.optionalString(CREDITS_ON_FORECAST_EXHAUSTION));
        ProviderSettings source = in.source();
        if (source.hasPath(CREDITS_PRIORITY)) {
            try {
                source.stringList(CREDITS_PRIORITY);
            } catch (IllegalArgumentException e) {
                // Already reported by symbols(); hidden so that the trim rule does not trip over it.
                mistyped.add(CREDITS_PRIORITY);
            }
        }
        in.addAll(CommonSettings.problems(source.without(mistyped)));
        if (mistyped.isEmpty() && source.hasPath(HEARTBEAT_INTERVAL) && source.hasPath(HEARTBEAT_TIMEOUT)) {
            Duration interval = source.duration(HEARTBEAT_INTERVAL);
            if (!interval.isNegative() && !interval.isZero()
                    && source.duration(HEARTBEAT_TIMEOUT).compareTo(interval) <= 0) {
                in.problem(HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval (" + interval
                        + "), or every connection would look stale between two heartbeats");
            }
        }
    }

    /** Runs a typed read and remembers the key when it added a problem. */
    private static void readable(SettingsReader in, String key, Set<String> mistyped, Runnable read) {
        int before = in.problemCount();
        read.run();
        if (in.problemCount() != before) {
            mistyped.add(key);
        }
    }
}

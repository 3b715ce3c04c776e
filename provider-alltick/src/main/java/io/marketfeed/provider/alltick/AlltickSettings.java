package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.AlltickConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import java.net.URI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validated settings of one AllTick instance ({@code marketfeed.providers.alltick}). Built eagerly by
 * {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: the token is a
 * {@link Secret}.
 *
 * @param enabled whether the runner starts the provider
 * @param token the token; empty only when the provider is disabled
 * @param urls each endpoint's URL as dialled, by endpoint id ({@code stock}, {@code other}), without query or
 *     credentials: from {@code endpoints.<id>}, or from {@code endpoint} (a base URL with the documented paths
 *     appended, or one of the two documented URLs with the other derived from it)
 * @param plan the plan, which sets the default limits
 * @param trades codes whose trades ({@code 22004}) are wanted
 * @param depth codes whose order books ({@code 22002}) are wanted, and how deep
 * @param routes explicit code → endpoint overrides of the routing by code form
 * @param heartbeat pings and staleness
 * @param limits the plan's limits with configured overrides, control gaps including {@code pacingMargin}
 * @param pacingMargin what is added to both control gaps
 * @param notServedAfter how long a code may deliver nothing, while others on its list do, before it is reported
 */
public record AlltickSettings(boolean enabled, Secret token, Map<String, URI> urls, AlltickPlan plan,
        List<String> trades, Depth depth, Map<String, String> routes, HeartbeatSpec heartbeat, Limits limits,
        Duration pacingMargin, Duration notServedAfter) {

    /** Book levels AllTick serves at most (HK); other markets serve fewer (CN and crypto 5, FX and US 1). */
    static final int MAX_DEPTH_LEVELS = 10;

    /** AllTick closes a connection that sent no heartbeat for this long (§4.6). */
    static final Duration SERVER_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * AllTick's heartbeat facts: the client sends {@code 22000} and any frame proves liveness (the server answers
     * each heartbeat). The numbers are placeholders: both {@code heartbeat.*} keys are required.
     */
    private static final HeartbeatSpec HEARTBEAT_FACTS =
            new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(10), Duration.ofSeconds(30), Liveness.ANY_FRAME);

    public AlltickSettings {
        requireNonNull(token, "token is null");
        urls = Map.copyOf(urls);
        requireNonNull(plan, "plan is null");
        trades = List.copyOf(trades);
        requireNonNull(depth, "depth is null");
        routes = Map.copyOf(routes);
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(pacingMargin, "pacingMargin is null");
        requireNonNull(notServedAfter, "notServedAfter is null");
    }

    /**
     * The order-book subscriptions.
     *
     * @param levels the {@code depth_level} sent with every code, 1 to 10 (markets may serve fewer)
     */
    public record Depth(List<String> symbols, int levels) {
        public Depth {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static AlltickSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        Secret token = in.credential(TOKEN, enabled, TOKEN_ENV,
                "AllTick token (shown under \"API keys\" at alltick.co)");
        Map<String, URI> urls = urls(in);
        AlltickPlan plan = plan(in);
        List<String> trades = codes(in, TRADES_SYMBOLS);
        Depth depth = new Depth(codes(in, DEPTH_SYMBOLS), depthLevels(in));
        Map<String, String> routes = routes(in);
        Duration pacingMargin = nonNegative(in, PACING_MARGIN);
        Duration notServedAfter = positive(in, NOT_SERVED_AFTER);
        commonProblems(in);
        in.throwIfAny();
        HeartbeatSpec heartbeat = CommonSettings.heartbeat(source, HEARTBEAT_FACTS);
        Limits limits = limits(source, plan, pacingMargin);
        return new AlltickSettings(enabled, token, urls, plan, trades, depth, routes, heartbeat, limits,
                pacingMargin, notServedAfter);
    }

    /** The URL of an endpoint, as dialled (the runtime adds the token). */
    URI url(AlltickChannel channel) {
        return urls.get(channel.endpointId());
    }

    /**
     * Both endpoints' URLs: {@code endpoints.stock} and {@code endpoints.other} when set, as AllTick documents them
     * ({@code wss://quote.alltick.co/quote-stock-b-ws-api}, {@code wss://quote.alltick.co/quote-b-ws-api}); otherwise
     * from {@code endpoint}, a base URL (both paths are appended) or either documented URL (used as given; the other
     * endpoint's path is derived from it).
     */
    private static Map<String, URI> urls(SettingsReader in) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (AlltickChannel channel : AlltickChannel.values()) {
            paths.put(channel.endpointId(), channel.path());
        }
        return in.endpointUrls(ENDPOINT, ENDPOINTS, paths, paths.keySet(), "wss://quote.alltick.co",
                "token (" + TOKEN_ENV + "), which is added as ?token= when connecting");
    }

    /** The explicit routes as endpoints. */
    Map<String, AlltickChannel> routedChannels() {
        Map<String, AlltickChannel> channels = new TreeMap<>();
        routes.forEach((code, id) -> channels.put(code, AlltickChannel.forEndpointId(id).orElseThrow()));
        return channels;
    }

    /**
     * The plan's limits with the configured overrides, then the margin on both control gaps. AllTick measures
     * the gaps where requests arrive, and jitter can bring two requests sent exactly one second apart closer.
     */
    private static Limits limits(ProviderSettings source, AlltickPlan plan, Duration margin) {
        Limits configured = CommonSettings.limits(source, plan.limits());
        Duration global = source.hasPath(MIN_GLOBAL_CONTROL_GAP) ? source.duration(MIN_GLOBAL_CONTROL_GAP)
                : configured.minGlobalControlGap();
        int codes = configured.maxSymbolsPerConnection();
        // The cap holds for each list (trades, depth) on its own, not for the codes of both together.
        return configured.toBuilder().maxSymbolsPerConnection(codes).maxSymbolsPerFrame(codes)
                .minControlGap(configured.minControlGap().plus(margin)).minGlobalControlGap(global.plus(margin))
                .perTopic(true).build();
    }

    private static AlltickPlan plan(SettingsReader in) {
        String name = in.string(PLAN);
        return AlltickPlan.fromConfigName(name).orElseGet(() -> {
            if (!in.failed(PLAN)) {
                in.problem(PLAN, "must be one of " + AlltickPlan.names() + ", got '" + name + "'");
            }
            return AlltickPlan.FREE;
        });
    }

    private static List<String> codes(SettingsReader in, String path) {
        List<String> codes = in.stringList(path);
        List<String> valid = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            Optional<String> problem = AlltickCodes.problem(code);
            if (problem.isPresent()) {
                in.problem(path, "entry [" + i + "] '" + code + "' " + problem.get());
            } else if (!valid.contains(code)) {
                valid.add(code);
            }
        }
        return valid;
    }

    private static int depthLevels(SettingsReader in) {
        int levels = in.integer(DEPTH_LEVELS);
        if (!in.failed(DEPTH_LEVELS) && (levels < 1 || levels > MAX_DEPTH_LEVELS)) {
            in.problem(DEPTH_LEVELS, "must be between 1 and " + MAX_DEPTH_LEVELS + " (HK serves 10 levels, A-shares "
                    + "and crypto 5, forex, metals and US stocks 1), got " + levels);
        }
        return levels;
    }

    /**
     * The {@code routes} map. In HOCON a code with a dot must be quoted ({@code routes { "AAPL.US" = stock }}),
     * which makes its path {@code routes."AAPL.US"}; a map given by hand may also write {@code routes.AAPL.US}.
     */
    private static Map<String, String> routes(SettingsReader in) {
        ProviderSettings source = in.source();
        Map<String, String> routes = new TreeMap<>();
        String prefix = ROUTES + ".";
        for (String path : new TreeSet<>(source.paths())) {
            if (!path.startsWith(prefix)) {
                continue;
            }
            String code = unquoted(path.substring(prefix.length()));
            Optional<String> target = in.optionalString(path);
            if (target.isEmpty()) {
                continue;
            }
            Optional<String> problem = AlltickCodes.problem(code);
            Optional<AlltickChannel> channel = AlltickChannel.forEndpointId(target.get());
            if (problem.isPresent()) {
                in.problem(path, "'" + code + "' " + problem.get());
            } else if (channel.isEmpty()) {
                in.problem(path, "must be stock (US, HK and A-share stocks and indices) or other (forex, metals, "
                        + "crypto, energy, CFDs), got '" + target.get() + "'");
            } else {
                routes.put(code, channel.get().endpointId());
            }
        }
        return routes;
    }

    private static String unquoted(String key) {
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1)
                : key;
    }

    private static Duration positive(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && (value.isZero() || value.isNegative())) {
            in.problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    private static Duration nonNegative(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && value.isNegative()) {
            in.problem(path, "must not be negative, got " + value);
        }
        return value;
    }

    /**
     * Problems with the keys {@link CommonSettings} handles, plus the global gap it does not know. Types are
     * checked first, because its helpers throw at the first wrongly typed value; such values are then hidden
     * from it so that it still reports everything else. Also checks the heartbeat rules.
     */
    private static void commonProblems(SettingsReader in) {
        Set<String> mistyped = new HashSet<>();
        readable(in, HEARTBEAT_INTERVAL, mistyped, () -> in.duration(HEARTBEAT_INTERVAL));
        readable(in, HEARTBEAT_TIMEOUT, mistyped, () -> in.duration(HEARTBEAT_TIMEOUT));
        for (String key : List.of(MAX_SYMBOLS_PER_CONNECTION, MAX_CONNECTIONS)) {
            readable(in, key, mistyped, () -> in.checkOptionalInteger(key));
        }
        for (String key : List.of(MIN_CONTROL_GAP, MIN_GLOBAL_CONTROL_GAP, MIN_RECONNECT_GAP)) {
            readable(in, key, mistyped, () -> in.checkOptionalDuration(key));
        }
        ProviderSettings source = in.source();
        in.addAll(CommonSettings.problems(source.without(mistyped)));
        if (!mistyped.contains(MIN_GLOBAL_CONTROL_GAP) && source.hasPath(MIN_GLOBAL_CONTROL_GAP)
                && source.duration(MIN_GLOBAL_CONTROL_GAP).isNegative()) {
            in.problem(MIN_GLOBAL_CONTROL_GAP, "must not be negative");
        }
        boolean heartbeatReadable = !mistyped.contains(HEARTBEAT_INTERVAL) && !mistyped.contains(HEARTBEAT_TIMEOUT);
        if (heartbeatReadable && source.hasPath(HEARTBEAT_INTERVAL) && source.hasPath(HEARTBEAT_TIMEOUT)) {
            Duration interval = source.duration(HEARTBEAT_INTERVAL);
            if (interval.isNegative() || interval.isZero()) {
                return;
            }
            if (interval.compareTo(SERVER_HEARTBEAT_TIMEOUT) >= 0) {
                in.problem(HEARTBEAT_INTERVAL, "must be shorter than 30s: AllTick closes a connection that sent no "
                        + "heartbeat for 30 seconds (its documentation asks for one every 10s)");
            }
            if (source.duration(HEARTBEAT_TIMEOUT).compareTo(interval) <= 0) {
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

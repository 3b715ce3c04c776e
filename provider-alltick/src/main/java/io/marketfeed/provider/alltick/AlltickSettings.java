package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.AlltickConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.toolkit.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * @param limits the limits this provider declares: the plan's, with {@code limits.min-global-control-gap} (AllTick's
 *     own key) and {@code pacingMargin} added to both control gaps; the host applies the common {@code limits.*}
 *     keys over them
 * @param pacingMargin what is added to both of the plan's control gaps and to a configured global gap
 * @param notServedAfter how long a code may deliver nothing, while others on its list do, before it is reported
 */
public record AlltickSettings(boolean enabled, Secret token, Map<String, URI> urls, AlltickPlan plan,
        List<String> trades, Depth depth, Map<String, String> routes, Limits limits, Duration pacingMargin,
        Duration notServedAfter) {

    /** Book levels AllTick serves at most (HK); other markets serve fewer (CN and crypto 5, FX and US 1). */
    static final int MAX_DEPTH_LEVELS = 10;

    /** AllTick closes a connection that sent no heartbeat for this long (§4.6). */
    static final Duration SERVER_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

    public AlltickSettings {
        requireNonNull(token, "token is null");
        urls = Map.copyOf(urls);
        requireNonNull(plan, "plan is null");
        trades = List.copyOf(trades);
        requireNonNull(depth, "depth is null");
        routes = Map.copyOf(routes);
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
        AlltickPlan plan = SettingsChecks.oneOf(in, PLAN, AlltickPlan::fromConfigName, AlltickPlan.names(),
                AlltickPlan.FREE);
        List<String> trades = codes(in, TRADES_SYMBOLS);
        Depth depth = new Depth(codes(in, DEPTH_SYMBOLS), SettingsChecks.between(in, DEPTH_LEVELS, 1,
                MAX_DEPTH_LEVELS));
        Map<String, String> routes = routes(in);
        Duration pacingMargin = SettingsChecks.nonNegativeDuration(in, PACING_MARGIN);
        Duration globalGap = source.hasPath(MIN_GLOBAL_CONTROL_GAP)
                ? SettingsChecks.nonNegativeDuration(in, MIN_GLOBAL_CONTROL_GAP) : AlltickPlan.CROSS_CONNECTION_GAP;
        Duration notServedAfter = SettingsChecks.positiveDuration(in, NOT_SERVED_AFTER);
        heartbeatBeforeServerTimeout(in);
        in.throwIfAny();
        return new AlltickSettings(enabled, token, urls, plan, trades, depth, routes,
                limits(plan, globalGap, pacingMargin), pacingMargin, notServedAfter);
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
     * The plan's limits with the global gap, then the margin on both control gaps. AllTick measures the gaps where
     * requests arrive, and jitter can bring two requests sent exactly one second apart closer. The code cap holds
     * for each list (trades, depth) on its own, not for the codes of both together.
     */
    private static Limits limits(AlltickPlan plan, Duration globalGap, Duration margin) {
        Limits limits = plan.limits();
        return limits.toBuilder().minControlGap(limits.minControlGap().plus(margin))
                .minGlobalControlGap(globalGap.plus(margin)).perTopic(true).build();
    }

    /**
     * AllTick's own rule on the host's {@code heartbeat.interval} (whose type and sign the host checks): shorter
     * than the 30 s after which AllTick closes a connection that sent no heartbeat.
     */
    private static void heartbeatBeforeServerTimeout(SettingsReader in) {
        try {
            if (in.source().hasPath(HEARTBEAT_INTERVAL)
                    && in.source().duration(HEARTBEAT_INTERVAL).compareTo(SERVER_HEARTBEAT_TIMEOUT) >= 0) {
                in.problem(HEARTBEAT_INTERVAL, "must be shorter than 30s: AllTick closes a connection that sent no "
                        + "heartbeat for 30 seconds (its documentation asks for one every 10s)");
            }
        } catch (RuntimeException notADuration) {
            // The host reports it.
        }
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
}

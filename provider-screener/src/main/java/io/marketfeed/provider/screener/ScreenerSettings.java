package io.marketfeed.provider.screener;

import static io.marketfeed.provider.screener.ScreenerConfigKeys.*;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated settings of one Screener instance ({@code marketfeed.providers.screener}). Built eagerly by
 * {@link #from}, which reports every problem at once. {@link #toString()} is safe to log: tokens are
 * {@link Secret}s.
 *
 * @param url the URL as dialled, without query or credentials: {@code endpoint} as written when it has a path (the
 *     docs' {@code wss://api.screener.kr/v1/ws}), otherwise the base URL with {@link ScreenerProtocol#PATH} appended
 * @param token the JWT access token, or empty for an anonymous connection
 * @param refreshToken the refresh token, or empty when tokens are not refreshed
 * @param refreshBeforeExpiry how long before expiry the access token is refreshed
 * @param symbols stock codes ({@code stock} subscriptions)
 * @param book whether order books of the symbols are delivered too
 * @param markets {@code market} targets
 * @param sectors {@code sector} targets
 * @param watchlists {@code watchlist} targets
 * @param sessionRestore whether a known server session id is restored after a reconnect
 * @param restoreTimeout how long a restoration may take before the connection proceeds as a fresh one
 * @param connectionCapBackoff the least wait after an HTTP 403 (per-IP connection cap)
 * @param clientPingConfigured whether {@code heartbeat.client-ping} asks for pings (the client heartbeat timer
 *     also runs, without pings, when only a refresh token needs it)
 * @param heartbeat who pings, and staleness
 * @param limits the server's limits with configured overrides
 */
public record ScreenerSettings(boolean enabled, URI url, Optional<Secret> token, Optional<Secret> refreshToken,
        Duration refreshBeforeExpiry, List<String> symbols, boolean book, List<String> markets, List<String> sectors,
        List<String> watchlists, boolean sessionRestore, Duration restoreTimeout, Duration connectionCapBackoff,
        boolean clientPingConfigured, HeartbeatSpec heartbeat, Limits limits) {

    /** The server code's limits (config.py / core/websocket.py): 100 per connection, 50 per request, 5 per IP. */
    static final Limits SERVER_LIMITS = Limits.builder().maxSymbolsPerConnection(100).maxSymbolsPerFrame(50)
            .maxConnections(5).minControlGap(Duration.ofMillis(100)).minReconnectGap(Duration.ofSeconds(1)).build();

    /** Placeholders: both {@code heartbeat.*} durations are required, so CommonSettings always replaces them. */
    private static final HeartbeatSpec SERVER_HEARTBEAT =
            new HeartbeatSpec(Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(90), Liveness.ANY_FRAME);

    public ScreenerSettings {
        requireNonNull(url, "url is null");
        requireNonNull(token, "token is null");
        requireNonNull(refreshToken, "refreshToken is null");
        requireNonNull(refreshBeforeExpiry, "refreshBeforeExpiry is null");
        symbols = List.copyOf(symbols);
        markets = List.copyOf(markets);
        sectors = List.copyOf(sectors);
        watchlists = List.copyOf(watchlists);
        requireNonNull(restoreTimeout, "restoreTimeout is null");
        requireNonNull(connectionCapBackoff, "connectionCapBackoff is null");
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(limits, "limits is null");
    }

    /**
     * Validates and converts a configuration block.
     *
     * @throws SettingsException with every problem found
     */
    public static ScreenerSettings from(ProviderSettings source) {
        SettingsReader in = new SettingsReader(source);
        boolean enabled = in.bool(ENABLED);
        URI url = url(in);
        Optional<Secret> token = jwt(in, TOKEN, TOKEN_ENV);
        Optional<Secret> refreshToken = jwt(in, REFRESH_TOKEN, REFRESH_TOKEN_ENV);
        if (refreshToken.isPresent() && token.isEmpty() && !in.failed(TOKEN)) {
            in.problem(REFRESH_TOKEN, "needs an access token too: set " + PREFIX + TOKEN + " (" + TOKEN_ENV + ")");
        }
        Duration beforeExpiry = positive(in, REFRESH_BEFORE_EXPIRY);
        List<String> symbols = targets(in, SYMBOLS);
        boolean book = in.bool(BOOK);
        List<String> markets = targets(in, MARKETS);
        List<String> sectors = targets(in, SECTORS);
        List<String> watchlists = targets(in, WATCHLISTS);
        boolean sessionRestore = in.bool(SESSION_RESTORE);
        Duration restoreTimeout = positive(in, RESTORE_TIMEOUT);
        Duration capBackoff = positive(in, CONNECTION_CAP_BACKOFF);
        boolean clientPing = in.bool(HEARTBEAT_CLIENT_PING);
        commonProblems(in);
        in.throwIfAny();
        // The refresh check needs a timer; the runtime's only per-connection timer is the client heartbeat.
        HeartbeatSpec facts = clientPing || refreshToken.isPresent()
                ? new HeartbeatSpec(Pinger.CLIENT, SERVER_HEARTBEAT.interval(), SERVER_HEARTBEAT.staleTimeout(),
                        Liveness.ANY_FRAME)
                : SERVER_HEARTBEAT;
        HeartbeatSpec heartbeat = CommonSettings.heartbeat(source, facts);
        Limits limits = CommonSettings.limits(source, SERVER_LIMITS);
        return new ScreenerSettings(enabled, url, token, refreshToken, beforeExpiry, symbols, book, markets,
                sectors, watchlists, sessionRestore, restoreTimeout, capBackoff, clientPing, heartbeat, limits);
    }

    /** Whether the client sends {@code ping} (configured, or needed as the refresh timer). */
    boolean clientPing() {
        return heartbeat.pinger() == Pinger.CLIENT;
    }

    private static Optional<Secret> jwt(SettingsReader in, String path, String env) {
        Optional<Secret> value = in.secret(path);
        if (value.isPresent() && value.get().reveal().chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            in.problem(path, "contains white space or control characters; check " + env);
        }
        return value;
    }

    /**
     * {@code endpoint}: the documented URL {@code wss://api.screener.kr/v1/ws} (or any other full URL, such as a
     * self-hosted {@code ws://host:8000/v1/ws}), used as given, or a base URL such as {@code wss://api.screener.kr},
     * to which {@link ScreenerProtocol#PATH} is appended. Its text is never quoted: a user may have pasted a token.
     */
    private static URI url(SettingsReader in) {
        URI url = in.webSocketUrl(ENDPOINT, "wss://api.screener.kr" + ScreenerProtocol.PATH
                + " (or the base URL wss://api.screener.kr)", TOKEN + " (" + TOKEN_ENV
                + "), which is added as ?token= when connecting");
        return SettingsReader.resolve(url, ScreenerProtocol.PATH);
    }

    /** Targets each once, without white space; duplicates are a problem (the server would count them twice). */
    private static List<String> targets(SettingsReader in, String path) {
        List<String> targets = in.stringList(path);
        Set<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            if (target.isEmpty() || target.length() > 64
                    || target.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                in.problem(path, "entry [" + i + "] '" + target.strip() + "' is not a target: expected a code "
                        + "such as 005930, KOSPI or IT, without spaces, at most 64 characters");
            } else if (!valid.add(target)) {
                in.problem(path, "entry [" + i + "] '" + target + "' is listed twice");
            }
        }
        return List.copyOf(valid);
    }

    private static Duration positive(SettingsReader in, String path) {
        Duration value = in.duration(path);
        if (!in.failed(path) && (value.isZero() || value.isNegative())) {
            in.problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    /** Like TickAtlas: type-check the common keys first so that CommonSettings reports the rest. */
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
        ProviderSettings source = in.source();
        in.addAll(CommonSettings.problems(source.without(mistyped)));
        if (mistyped.isEmpty() && source.hasPath(HEARTBEAT_INTERVAL) && source.hasPath(HEARTBEAT_TIMEOUT)) {
            Duration interval = source.duration(HEARTBEAT_INTERVAL);
            if (!interval.isNegative() && !interval.isZero()
                    && source.duration(HEARTBEAT_TIMEOUT).compareTo(interval) <= 0) {
                in.problem(HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval (" + interval
                        + "), or every connection would look stale between two server heartbeats");
            }
        }
    }

    private static void readable(SettingsReader in, String key, Set<String> mistyped, Runnable read) {
        int before = in.problemCount();
        read.run();
        if (in.problemCount() != before) {
            mistyped.add(key);
        }
    }
}

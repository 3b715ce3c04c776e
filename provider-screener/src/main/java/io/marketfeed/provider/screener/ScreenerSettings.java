package io.marketfeed.provider.screener;

import static io.marketfeed.provider.screener.ScreenerConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsReader;
import io.marketfeed.toolkit.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 */
public record ScreenerSettings(boolean enabled, URI url, Optional<Secret> token, Optional<Secret> refreshToken,
        Duration refreshBeforeExpiry, List<String> symbols, boolean book, List<String> markets, List<String> sectors,
        List<String> watchlists, boolean sessionRestore, Duration restoreTimeout, Duration connectionCapBackoff,
        boolean clientPingConfigured) {

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
        Duration beforeExpiry = SettingsChecks.positiveDuration(in, REFRESH_BEFORE_EXPIRY);
        List<String> symbols = targets(in, SYMBOLS);
        boolean book = in.bool(BOOK);
        List<String> markets = targets(in, MARKETS);
        List<String> sectors = targets(in, SECTORS);
        List<String> watchlists = targets(in, WATCHLISTS);
        boolean sessionRestore = in.bool(SESSION_RESTORE);
        Duration restoreTimeout = SettingsChecks.positiveDuration(in, RESTORE_TIMEOUT);
        Duration capBackoff = SettingsChecks.positiveDuration(in, CONNECTION_CAP_BACKOFF);
        boolean clientPing = in.bool(HEARTBEAT_CLIENT_PING);
        in.throwIfAny();
        return new ScreenerSettings(enabled, url, token, refreshToken, beforeExpiry, symbols, book, markets,
                sectors, watchlists, sessionRestore, restoreTimeout, capBackoff, clientPing);
    }

    /** Whether the client heartbeat timer runs: for pings, or as the timer that checks the token's expiry. */
    boolean clientTimer() {
        return clientPingConfigured || refreshToken.isPresent();
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

    /** Targets each once (the server would count a duplicate twice), as {@link ScreenerSymbols} allows them. */
    private static List<String> targets(SettingsReader in, String path) {
        return SettingsChecks.symbols(in, path, ScreenerSymbols::isWellFormed, "a target", ScreenerSymbols.RULE);
    }
}

package io.marketfeed.testkit.fake;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake's settings: {@code api-key} and {@code endpoint} (required), {@code symbols},
 * {@code heartbeat.*} and {@code limits.*} (optional).
 */
record FakeSettings(Secret apiKey, URI endpoint, List<String> symbols, HeartbeatSpec heartbeat, Limits limits) {

    /** Five symbols per request and fifty per connection, so that chunking shows with few symbols. */
    static final Limits DEFAULT_LIMITS = new Limits(50, 5, 3, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    static FakeSettings from(ProviderSettings in, FakeOptions options) {
        HeartbeatSpec facts = new HeartbeatSpec(options.pinger(), Duration.ofSeconds(30), Duration.ofSeconds(90),
                options.liveness());
        if (options.breakage() == FakeOptions.Breakage.WRONG_SETTINGS_EXCEPTION) {
            // Reads without validating: whatever is wrong escapes as whatever the getters or records throw.
            return new FakeSettings(in.secret("api-key").orElseThrow(), URI.create(in.string("endpoint")),
                    in.hasPath("symbols") ? in.stringList("symbols") : List.of(),
                    CommonSettings.heartbeat(in, facts), CommonSettings.limits(in, DEFAULT_LIMITS));
        }
        List<SettingsProblem> problems = new ArrayList<>();
        Secret key = in.secret("api-key").orElse(null);
        if (key == null) {
            problems.add(in.problem("api-key", "is not set"));
        }
        URI endpoint = null;
        try {
            endpoint = URI.create(in.string("endpoint"));
            if (!"ws".equals(endpoint.getScheme()) && !"wss".equals(endpoint.getScheme())) {
                problems.add(in.problem("endpoint", "must be a ws or wss URL"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(in.problem("endpoint", "must be a ws or wss URL"));
        }
        List<String> symbols = List.of();
        boolean typed = true;
        try {
            symbols = in.hasPath("symbols") ? in.stringList("symbols") : List.of();
        } catch (IllegalArgumentException e) {
            problems.add(in.problem("symbols", "must be a list of strings"));
        }
        for (String key2 : List.of(CommonSettings.HEARTBEAT_INTERVAL, CommonSettings.HEARTBEAT_TIMEOUT,
                CommonSettings.MIN_CONTROL_GAP, CommonSettings.MIN_RECONNECT_GAP)) {
            typed &= readable(in, key2, problems, () -> in.duration(key2));
        }
        for (String key2 : List.of(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, CommonSettings.MAX_SYMBOLS_PER_FRAME,
                CommonSettings.MAX_CONNECTIONS)) {
            typed &= readable(in, key2, problems, () -> in.integer(key2));
        }
        if (typed) {
            problems.addAll(CommonSettings.problems(in));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new FakeSettings(key, endpoint, symbols, CommonSettings.heartbeat(in, facts),
                CommonSettings.limits(in, DEFAULT_LIMITS));
    }

    private static boolean readable(ProviderSettings in, String key, List<SettingsProblem> problems, Runnable read) {
        if (!in.hasPath(key)) {
            return true;
        }
        try {
            read.run();
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(in.problem(key, "has the wrong type"));
            return false;
        }
    }
}

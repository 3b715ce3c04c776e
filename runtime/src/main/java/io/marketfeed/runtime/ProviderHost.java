package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.internal.ForwardingProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's part of making a provider: it checks and applies the keys every provider block has
 * ({@link CommonSettings}: {@code heartbeat.*}, {@code limits.*}, {@code credits.*}), so that a provider declares
 * only its own facts and defaults (SPI 1.3). {@link MarketFeed.Builder#provider(MarketFeedProvider,
 * ProviderSettings)}, the runner and the Kafka connector all make providers through here. Stateless.
 */
public final class ProviderHost {

    private ProviderHost() {
    }

    /**
     * Validates the settings, the common keys here and the provider's own in {@link MarketFeedProvider#create}, and
     * returns the provider's protocol with the configured common values applied over its declared ones.
     *
     * @throws SettingsException listing every problem of both, each once
     */
    public static FeedProtocol create(MarketFeedProvider provider, ProviderSettings settings) {
        requireNonNull(provider, "provider is null");
        requireNonNull(settings, "settings is null");
        List<SettingsProblem> problems = new ArrayList<>(CommonSettings.problems(settings));
        FeedProtocol protocol = null;
        try {
            protocol = requireNonNull(provider.create(settings),
                    () -> "provider '" + provider.id() + "': create() returned null");
        } catch (SettingsException e) {
            // A provider built before SPI 1.3 checks the common keys too: each problem is reported once.
            e.problems().stream().filter(problem -> !problems.contains(problem)).forEach(problems::add);
        }
        if (protocol != null) {
            problems.addAll(priorityProblems(protocol, settings));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Configured(protocol, settings);
    }

    /**
     * {@code credits.priority} names symbols to keep: each must be a symbol the provider could subscribe to on one of
     * its topics, or the list could never match a subscription (a typo would trim everything).
     */
    private static List<SettingsProblem> priorityProblems(FeedProtocol protocol, ProviderSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        if (!settings.hasPath(CommonSettings.CREDITS_PRIORITY)) {
            return problems;
        }
        List<String> priority;
        try {
            priority = settings.stringList(CommonSettings.CREDITS_PRIORITY);
        } catch (RuntimeException wrongType) {
            return problems; // CommonSettings.problems says so
        }
        List<String> topics = protocol.endpoints().stream().flatMap(endpoint -> endpoint.topics().stream())
                .distinct().toList();
        for (int i = 0; i < priority.size(); i++) {
            String symbol = priority.get(i);
            List<String> refusals = topics.stream()
                    .map(topic -> protocol.symbolProblem(new Subscription(topic, symbol)))
                    .takeWhile(Optional::isPresent).map(Optional::get).toList();
            if (!topics.isEmpty() && refusals.size() == topics.size()) {
                problems.add(settings.problem(CommonSettings.CREDITS_PRIORITY, "entry [" + i + "] '" + symbol
                        + "' cannot be subscribed to: " + refusals.get(0)));
            }
        }
        return problems;
    }

    /**
     * A provider's protocol with {@code heartbeat.*}, {@code limits.*} and {@code credits.*} applied over what it
     * declares. For a provider built before SPI 1.3, which applied them itself, applying them again changes
     * nothing. Immutable and thread safe.
     */
    private static final class Configured extends ForwardingProtocol {
        private final ProviderSettings settings;
        private final CreditPolicy creditPolicy;
        private final Map<Endpoint, Limits> limits = new ConcurrentHashMap<>();
        private final Map<Endpoint, HeartbeatSpec> heartbeats = new ConcurrentHashMap<>();

        Configured(FeedProtocol protocol, ProviderSettings settings) {
            super(protocol);
            this.settings = settings;
            this.creditPolicy = settings.hasPath(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION)
                    ? CommonSettings.creditPolicy(settings) : protocol.creditPolicy();
            for (Endpoint endpoint : protocol.endpoints()) {
                limits(endpoint);
                heartbeat(endpoint);
            }
        }

        @Override
        public Limits limits(Endpoint endpoint) {
            return limits.computeIfAbsent(endpoint,
                    each -> CommonSettings.limits(settings, delegate().limits(each)));
        }

        @Override
        public HeartbeatSpec heartbeat(Endpoint endpoint) {
            return heartbeats.computeIfAbsent(endpoint,
                    each -> CommonSettings.heartbeat(settings, delegate().heartbeat(each)));
        }

        @Override
        public CreditPolicy creditPolicy() {
            return creditPolicy;
        }

        @Override
        public String toString() {
            return delegate().toString();
        }
    }
}

package io.marketfeed.app.run;

import com.google.inject.Inject;
import io.marketfeed.app.ExitCode;
import io.marketfeed.app.SignalTrap;
import io.marketfeed.app.config.AppSettings;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.logging.LogMask;
import io.marketfeed.app.ops.Operations;
import io.marketfeed.app.ops.OpsStartException;
import io.marketfeed.app.ops.Readings;
import io.marketfeed.app.ops.Redactor;
import io.marketfeed.app.output.EventOutput;
import io.marketfeed.app.sink.Recording;
import io.marketfeed.app.sink.SinkStartException;
import io.marketfeed.runtime.MarketFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feed until the first of: the duration ends, a stop is requested (SIGINT, SIGTERM, stdout closed),
 * or every provider has failed for good. Then stops it gracefully ({@link MarketFeed#close()}) and returns the
 * exit code. The {@link Operations} (JMX beans, and the HTTP operations port when {@code marketfeed.http.port} is
 * set) start before the feed and stop after the summary.
 */
public final class FeedRunner {

    private static final Logger log = LoggerFactory.getLogger(FeedRunner.class);

    /** The name of the output's listener in snapshots and logs. */
    static final String OUTPUT_LISTENER = "output";

    private final AppSettings settings;
    private final EnabledProviders providers;
    private final ConfiguredSinks sinks;
    private final EventOutput output;
    private final RunOptions options;

    @Inject
    FeedRunner(AppSettings settings, EnabledProviders providers, ConfiguredSinks sinks, EventOutput output,
            RunOptions options) {
        this.settings = settings;
        this.providers = providers;
        this.sinks = sinks;
        this.output = output;
        this.options = options;
    }

    /** Streams, stops, and returns {@link ExitCode#OK} or {@link ExitCode#ALL_PROVIDERS_FAILED}. */
    public int run() {
        Recording recording;
        try {
            recording = Recording.start(sinks.list());
        } catch (SinkStartException e) {
            options.err().println("error: " + e.getMessage());
            return ExitCode.USAGE_OR_CONFIG;
        }
        recording.announcements().forEach(options.err()::println);
        options.err().flush();
        LogMask.install(Redactor.forProviders(providers.list()));
        MarketFeed feed = build(recording);
        // A second SIGINT/SIGTERM exits at once (SignalTrap): the summary so far, and what the sinks held in memory
        // goes to their spools so that it is written at the next start.
        SignalTrap.onForcedExit(options.stopRequest(), () -> {
            List<String> lines = new ArrayList<>(RunSummary.lines(feed.snapshot()));
            lines.addAll(recording.keepInSpools());
            return lines;
        });
        Operations operations;
        try {
            operations = Operations.start(settings.http(), new Readings(feed::snapshot, recording::stats),
                    Redactor.forProviders(providers.list()), providers.ids());
        } catch (OpsStartException e) {
            recording.close();
            options.err().println("config error: " + e.getMessage());
            return ExitCode.USAGE_OR_CONFIG;
        }
        try {
            operations.announcement().ifPresent(line -> {
                options.err().println(line);
                output.note(line);
            });
            options.err().flush();
            return stream(feed, recording, operations);
        } finally {
            operations.close();
        }
    }

    /** Streams until the ending, stops, prints the summary; the operations port serves all along. */
    private int stream(MarketFeed feed, Recording recording, Operations operations) {
        Ending ending;
        List<String> recorded = List.of();
        try {
            output.start(feed::snapshot);
            log.info("Streaming from {}{}", String.join(", ", providers.ids()),
                    options.duration().map(d -> " for " + describe(d)).orElse(" until stopped (Ctrl-C)"));
            feed.start();
            ending = awaitEnding(feed);
            log.info("Stopping: {}", ending.reason());
            operations.stopping(ending.reason());
        } finally {
            try {
                feed.close();
            } finally {
                try {
                    output.close();
                } finally {
                    recorded = recording.close();
                }
            }
        }
        RunSummary.lines(feed.snapshot()).forEach(options.err()::println);
        recorded.forEach(options.err()::println);
        options.err().flush();
        if (ending.failures().isEmpty()) {
            return ExitCode.OK;
        }
        options.err().println("error: every enabled provider stopped on a fatal error, so nothing more can arrive:");
        ending.failures().forEach(failure -> options.err().println("  " + failure));
        return ExitCode.ALL_PROVIDERS_FAILED;
    }

    private MarketFeed build(Recording recording) {
        MarketFeed.Builder builder = MarketFeed.builder()
                .reconnect(settings.reconnect())
                .stopTimeout(settings.stopTimeout())
                .connectTimeout(settings.connectTimeout())
                .tls(settings.tls())
                .listener(OUTPUT_LISTENER, output, output.policy(settings.delivery()));
        recording.register(builder);
        builder.quietSymbols(settings.quietSymbols().after());
        builder.maxMessageSize(settings.maxMessageSize().defaultSize());
        // Credentials a server may quote back (in a close reason, an error frame): masked in every event and line.
        Redactor.credentials(providers.list()).forEach(builder::mask);
        for (EnabledProvider provider : providers.list()) {
            builder.provider(provider.id(), provider.protocol(), provider.provider().spiVersion());
            Long maxMessageSize = settings.maxMessageSize().providers().get(provider.id());
            if (maxMessageSize != null) {
                builder.maxMessageSize(provider.id(), maxMessageSize);
            }
            Duration quietAfter = settings.quietSymbols().providers().get(provider.id());
            if (quietAfter != null) {
                builder.quietSymbols(provider.id(), quietAfter); // only for providers that run: build() checks
            }
        }
        options.record().ifPresent(builder::record);
        return builder.build();
    }

    private Ending awaitEnding(MarketFeed feed) {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        options.stopRequest().thenAccept(reason -> ending.complete(new Ending(reason, List.of())));
        feed.allProvidersFailed().whenComplete((failures, error) -> ending.complete(error == null
                ? new Ending("every provider failed", failures.isEmpty() ? List.of("(no reason given)") : failures)
                : new Ending("the runtime reported an error: " + error, List.of(String.valueOf(error)))));
        options.duration().ifPresent(duration -> CompletableFuture
                .delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> ending.complete(new Ending(describe(duration) + " elapsed", List.of()))));
        try {
            return ending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ending("interrupted", List.of());
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the end of the run failed", e.getCause());
        }
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * Why the run ends.
     *
     * @param reason for the log
     * @param failures what to fix, when every provider failed; empty otherwise
     */
    private record Ending(String reason, List<String> failures) {
    }
}

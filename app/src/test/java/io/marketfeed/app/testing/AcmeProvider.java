package io.marketfeed.app.testing;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A provider for tests, with the reference block {@link #REFERENCE}. Its domain rules: {@code api-key} is
 * required when enabled, every symbol is upper case, and {@code depth.levels} is 1 to 10. Its protocol is a
 * stub that subscribes its symbols to quotes: these tests never connect.
 */
public class AcmeProvider implements MarketFeedProvider {

    public static final String REFERENCE = String.join("\n",
            "marketfeed.providers.acme {",
            "  enabled = false",
            "  api-key = null",
            "  api-key = ${?ACME_API_KEY}",
            "  token = ${?ACME_TOKEN}",
            "  endpoint = \"wss://acme.example\"",
            "  symbols = []",
            "  depth { enabled = false, levels = 5, symbols = [] }",
            "  heartbeat { interval = 30s, timeout = 90s }",
            "  headers {}",
            "  origin = null",
            "}");

    private final String spiVersion;

    public AcmeProvider() {
        this("1.0");
    }

    /** A provider that claims to be built for another SPI version. */
    public AcmeProvider(String spiVersion) {
        this.spiVersion = spiVersion;
    }

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public String version() {
        return "9.9.9";
    }

    @Override
    public String spiVersion() {
        return spiVersion;
    }

    @Override
    public String description() {
        return "Acme test exchange";
    }

    @Override
    public Set<FeedCapability> capabilities() {
        return EnumSet.of(FeedCapability.QUOTES, FeedCapability.SUBSCRIBE_ALL);
    }

    @Override
    public FeedProtocol create(ProviderSettings settings) {
        List<SettingsProblem> problems = new ArrayList<>();
        if (settings.bool("enabled") && settings.secret("api-key").isEmpty()) {
            problems.add(settings.problem("api-key", "is not set: set ACME_API_KEY"));
        }
        List<String> symbols = settings.stringList("symbols");
        for (int i = 0; i < symbols.size(); i++) {
            if (!symbols.get(i).equals(symbols.get(i).toUpperCase(Locale.ROOT))) {
                problems.add(settings.problem("symbols", "entry [" + i + "] must be upper case"));
            }
        }
        int levels = settings.integer("depth.levels");
        if (levels < 1 || levels > 10) {
            problems.add(settings.problem("depth.levels", "must be between 1 and 10, got " + levels));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new StubProtocol(symbols);
    }

    /** Declares nothing useful; validation only needs an instance. */
    public static final class StubProtocol implements FeedProtocol {
        private final List<String> symbols;

        StubProtocol(List<String> symbols) {
            this.symbols = List.copyOf(symbols);
        }

        public List<String> symbols() {
            return symbols;
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of();
        }

        @Override
        public Endpoint endpointFor(Subscription subscription) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Subscription> configuredSubscriptions() {
            return symbols.stream().map(symbol -> new Subscription(Topics.QUOTES, symbol)).toList();
        }

        @Override
        public Limits limits(Endpoint endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HeartbeatSpec heartbeat(Endpoint endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Disposition classifyClose(int code, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProtocolSession openSession(SessionContext context) {
            throw new UnsupportedOperationException();
        }
    }
}

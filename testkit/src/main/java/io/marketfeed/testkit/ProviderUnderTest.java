package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The top of the conformance test's chain ({@link MarketFeedProviderConformanceTest} extends
 * {@link WireConformance} extends {@link SpiConformance} extends this): what a provider's test class supplies, and
 * the {@link ConformanceFixture} each case runs on, made before it and checked and stopped after it. Package
 * private: a provider's test class extends {@link MarketFeedProviderConformanceTest} and inherits all of this from
 * there, which is also where Javadoc shows it.
 *
 * <p>One instance per case (JUnit's default lifecycle), used by the test thread.
 */
abstract class ProviderUnderTest {

    private ConformanceFixture fixture;

    /** The provider under test, as its public no-argument constructor makes it. */
    protected abstract MarketFeedProvider provider();

    /** The server side of the provider's wire protocol. */
    protected abstract ProtocolScript script();

    /**
     * Settings that point the provider at {@code server} (a base URI, {@code ws://127.0.0.1:PORT}, without
     * path), with {@link #credential()} as the credential, no configured subscriptions, and short timing.
     */
    protected abstract ProviderSettings settings(URI server);

    /**
     * Whether the provider has a capability. Write it as an exhaustive {@code switch} over
     * {@link FeedCapability} without a {@code default} branch, so that a new capability makes every provider
     * decide; the kit checks it against {@link MarketFeedProvider#capabilities()}.
     */
    protected abstract boolean hasCapability(FeedCapability capability);

    /**
     * The credential {@link #settings(URI)} must use; the kit checks where it shows up and where it never may. By
     * default {@link MarketFeedProviderConformanceTest#DEFAULT_CREDENTIAL}.
     */
    protected String credential() {
        return MarketFeedProviderConformanceTest.DEFAULT_CREDENTIAL;
    }

    /**
     * Settings {@code create} must refuse with a {@link SettingsException}. By default: the test settings with
     * every common key they set ({@link CommonSettings}) out of range, then with each of those of the wrong type;
     * when they set none, empty settings. Override when these do not fit the provider.
     */
    protected List<ProviderSettings> invalidSettings(URI server) {
        ProviderSettings valid = settings(server);
        Map<String, Object> outOfRange = new LinkedHashMap<>();
        Map<String, Object> wrongType = new LinkedHashMap<>();
        for (String key : List.of(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, CommonSettings.MAX_SYMBOLS_PER_FRAME,
                CommonSettings.MAX_CONNECTIONS)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, 0);
                wrongType.put(key, "not-a-number");
            }
        }
        for (String key : List.of(CommonSettings.HEARTBEAT_INTERVAL, CommonSettings.HEARTBEAT_TIMEOUT)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, Duration.ZERO);
                wrongType.put(key, "not-a-duration");
            }
        }
        for (String key : List.of(CommonSettings.MIN_CONTROL_GAP, CommonSettings.MIN_RECONNECT_GAP)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, Duration.ofMillis(-1));
                wrongType.put(key, "not-a-duration");
            }
        }
        if (outOfRange.isEmpty()) {
            return List.of(ProviderSettings.of(valid.providerId(), Map.of()));
        }
        return List.of(new OverlaySettings(valid, outOfRange), new OverlaySettings(valid, wrongType));
    }

    /** Makes this case's fixture: nothing starts until a case asks for it. */
    @BeforeEach
    protected final void createConformanceFixture() {
        fixture = new ConformanceFixture(new ProviderFacts(provider(), script(), this::settings, credential()));
    }

    /** Stops everything the case started, and checks what a case must never leave behind. */
    @AfterEach
    protected final void stopAndCheckTheCredentialNeverLeaked() {
        List<String> problems = new ArrayList<>();
        try {
            if (fixture.feedStarted()) {
                String snapshot = fixture.feed().snapshot().toString();
                if (snapshot.contains(credential())) {
                    problems.add("the feed snapshot shows the credential: "
                            + snapshot.replace(credential(), "<CREDENTIAL>"));
                }
            }
        } finally {
            fixture.close();
        }
        try {
            fixture.events().assertNotMentioned(credential());
        } catch (AssertionError e) {
            problems.add(e.getMessage());
        }
        fixture.scriptErrors().forEach(error -> problems.add("the ProtocolScript threw: " + error));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** This case's fixture; made before each case. */
    final ConformanceFixture fixture() {
        return fixture;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + String.valueOf(fixture == null ? "" : fixture.facts().id())
                .toLowerCase(Locale.ROOT) + "]";
    }
}

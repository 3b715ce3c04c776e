package io.marketfeed.testkit;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.Disposition;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases about the SPI contract, which need no runtime and open no connection: the test class's
 * name, the provider object, its service-loader entry, its declared capabilities, the protocol facts the kit builds
 * on, settings problems, the decoder called directly, and sessions that must not keep their predecessors. The
 * checks themselves are in {@link SpiContractCases}, {@link DecoderCheck} and {@link SessionChainCheck}.
 *
 * <p>Package private, in the chain {@link MarketFeedProviderConformanceTest} extends: JUnit runs these cases for
 * every provider's test class.
 */
abstract class SpiConformance extends ProviderUnderTest {

    /**
     * <b>Purpose:</b> one name for every provider's conformance test, so that build reports and CI filters
     * find them (the way Trino's {@code BaseConnectorTest} checks its subclasses).<br>
     * <b>Setup:</b> none.<br>
     * <b>Passes when</b> the test class's simple name is {@code Test<Id>ProviderConformance}, with the id in
     * camel case ({@code my-feed} → {@code TestMyFeedProviderConformance}; case is not compared).<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void subclassFollowsTheNamingRule() {
        new SpiContractCases(fixture().facts(), this).subclassFollowsTheNamingRule();
    }

    /**
     * <b>Purpose:</b> the provider can be loaded from a plugin jar and describes itself as the SPI requires.<br>
     * <b>Setup:</b> none; only the provider object is used.<br>
     * <b>Passes when</b> the class is public and concrete with a public no-argument constructor that works; the id
     * matches {@code [a-z0-9-]+} and is stable; version and description are not blank; the SPI version it was
     * compiled against is compatible with this host; the capabilities are non-empty and unmodifiable.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void providerFollowsTheSpiContract() {
        new SpiContractCases(fixture().facts(), this).providerFollowsTheSpiContract();
    }

    /**
     * <b>Purpose:</b> the runner finds providers with {@link ServiceLoader}; a provider that is not listed is
     * never loaded from its jar.<br>
     * <b>Setup:</b> none.<br>
     * <b>Passes when</b> {@code META-INF/services/io.marketfeed.api.MarketFeedProvider} on the test class path
     * lists the provider's class.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void providerIsListedForTheServiceLoader() {
        new SpiContractCases(fixture().facts(), this).providerIsListedForTheServiceLoader();
    }

    /**
     * <b>Purpose:</b> capabilities are declared, never discovered by exception: the test's declaration, the
     * provider's and the protocol's facts must agree, or the kit would check the wrong things.<br>
     * <b>Setup:</b> the protocol made from {@link #settings(URI)}.<br>
     * <b>Passes when</b> {@link #hasCapability} answers for every capability and equals
     * {@link MarketFeedProvider#capabilities()}; a served quotes, trades, book or candles topic is declared;
     * replace-all endpoints, first-message auth, client heartbeats and metered credits are declared exactly when
     * the protocol has them ({@code REPLACE_SEMANTICS}, {@code FIRST_MESSAGE_AUTH}, {@code CLIENT_HEARTBEAT},
     * {@code CREDITS}).<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void declaredCapabilitiesMatchTheProvider() {
        new SpiContractCases(fixture().facts(), this).declaredCapabilitiesMatchTheProvider();
    }

    /**
     * <b>Purpose:</b> the facts the kit builds on, checked first so that a misfit fails with a clear reason
     * rather than a timeout.<br>
     * <b>Setup:</b> the protocol made from {@link #settings(URI)}.<br>
     * <b>Passes when</b> there are endpoints with unique ids and ws/wss URIs at the given server that carry no
     * credential; the case topic is routed to an endpoint that serves it; no subscriptions are configured; the
     * script's symbols are accepted; the heartbeat timeout is at most 3 s and the minimum reconnect gap at most
     * 1 s (the kit waits on them); credentials of the query-parameter and header kinds are {@link #credential()}.
     * <br><b>Requires:</b> nothing.
     */
    @Test
    public void protocolFactsSuitTheKit() {
        new SpiContractCases(fixture().facts(), this).protocolFactsSuitTheKit();
    }

    /**
     * <b>Purpose:</b> bad configuration is reported completely and as configuration, so that the runner can
     * list every problem before any socket opens.<br>
     * <b>Setup:</b> {@link #invalidSettings(URI)}.<br>
     * <b>Passes when</b> {@code create} throws {@link SettingsException} (not any other exception) for each,
     * with problems whose paths are under {@code marketfeed.providers.<id>.}, naming every value the kit made
     * bad (all problems at once, not the first), and neither the message nor a problem shows the credential.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void invalidSettingsAreReportedAsSettingsProblems() {
        new SpiContractCases(fixture().facts(), this).invalidSettingsAreReportedAsSettingsProblems();
    }

    /**
     * <b>Purpose:</b> a decoder never throws on what a server sends, whatever it is, and never stops the provider
     * or drops the connection over it; a decoder that throws loses the frame, and one that reports a fatal or
     * retry disposition takes the feed down for garbage.<br>
     * <b>Setup:</b> sessions from the protocol, called directly: a fresh one, and one that has decoded the
     * script's frames on open and the replies to a subscribe. Each gets the kit's garbage (empty, not JSON,
     * binary, invalid UTF-8, deeply nested, huge, unknown types), the script's frames truncated, doubled, wrapped
     * and with their values' types swapped, and {@link ProtocolScript#malformedFrames()}.<br>
     * <b>Passes when</b> no decode throws (not even an {@link Error}) or takes over 2 s; only
     * {@link Disposition.Kind#WARN} problems are reported; no report shows the credential; every event carries
     * the provider's id; and the
     * script's data frame decodes to a market-data event of its symbol and topic both before and after the
     * garbage.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void decoderSurvivesMalformedAndUnknownFrames() {
        new DecoderCheck(fixture().facts()).run();
    }

    /**
     * <b>Purpose:</b> a session never keeps the one before it: the runtime hands each new session the previous one
     * ({@code SessionContext.previous}) to carry state across a reconnect, and a session that keeps it keeps the
     * whole chain of earlier ones alive.<br>
     * <b>Setup:</b> no server; {@value SessionChainCheck#RECONNECTS} sessions opened in a row, each given the one
     * before.<br>
     * <b>Passes when</b> the first session is garbage collected while the last is still held.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void sessionsDoNotKeepTheirPredecessors() {
        SessionChainCheck.run(fixture().facts());
    }
}

package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.TlsSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime over {@code wss://} against a loopback Jetty TLS server, with certificates made by {@code keytool} when
 * the test runs: a trusted certificate connects and quotes flow; an untrusted one, one for another host name, and an
 * expired one are each refused with one line saying which check failed and what to do, and are retried with backoff,
 * each attempt announced (never silently, never a hot loop); a trust store that cannot be used is refused before
 * anything connects, naming what is wrong.
 */
class TlsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "shmk_test_FAKE_tls";

    @TempDir
    static Path dir;
    private static Path otherHost;
    private static Path authority;
    private static Path signed;
    private static Path expired;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final EventRecorder events = new EventRecorder();

    @BeforeAll
    static void makeCertificates() throws Exception {
        otherHost = TestCertificates.selfSigned(dir, "other.example", "dns:other.example", 3650);
        authority = TestCertificates.authority(dir, "Test CA");
        signed = TestCertificates.signed(dir, "signed", "dns:localhost,ip:127.0.0.1", authority, "-1d", 3650);
        expired = TestCertificates.signed(dir, "expired", "dns:localhost", authority, "-3d", 1);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aCertificateSignedByATrustedCaConnectsAndQuotesFlow() throws Exception {
        TlsQuoteServer server = server(signed);
        Path trust = TestCertificates.trustStore(authority, dir.resolve("trusted-ca.p12"), "pw_test_FAKE_trust");
        feed(server, TlsSettings.trustStore(trust, "pw_test_FAKE_trust".toCharArray(), null));

        Quote quote = events.await(Quote.class, q -> q.symbol().equals("2222"), WAIT);
        assertEquals(new BigDecimal("32.50"), quote.price());
        events.await(ConnectionEvent.class, event -> event.state() == ConnectionState.CONNECTED, WAIT);
        assertEquals(List.of(), events.states(ConnectionState.DISCONNECTED), "no failed attempt before it");
    }

    @Test
    void aPemFileOfTheCaIsATrustStoreToo() throws Exception {
        TlsQuoteServer server = server(signed);
        Path pem = TestCertificates.pem(authority, dir.resolve("corporate-ca.pem"));
        TlsSettings tls = TlsSettings.trustStore(pem, null, null);
        feed(server, tls);

        events.await(Quote.class, q -> q.symbol().equals("2222"), WAIT);
        assertEquals("the trust store " + pem + " (PKCS12, 1 certificate)", tls.description());
    }

    @Test
    void anUntrustedCertificateIsRefusedWithOneLineAndRetriedWithBackoff() throws Exception {
        TlsQuoteServer server = server(signed);
        MarketFeed feed = feed(server, TlsSettings.defaults());

        String reason = firstFailure();
        assertEquals("the server's certificate is not trusted: localhost:" + server.port() + " presented a certificate "
                + "for localhost, 127.0.0.1, issued by CN=Test CA,O=Marketfeed tests, and no certificate authority in "
                + "the JDK's default trust "
                + "store vouches for it; if the server, or a proxy on the way, uses a private CA, set "
                + "marketfeed.tls.trust-store to a trust store (or PEM file) holding that CA", reason);
        assertRetriedAndAnnounced(feed, server, reason);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedNamingTheHostAndTheCertificatesNames() throws Exception {
        TlsQuoteServer server = server(otherHost);
        Path trust = TestCertificates.trustStore(otherHost, dir.resolve("other-trust.p12"), "pw_test_FAKE_trust");
        MarketFeed feed = feed(server, TlsSettings.trustStore(trust, "pw_test_FAKE_trust".toCharArray(), "pkcs12"));

        String reason = firstFailure();
        assertEquals("the server's certificate is not valid for localhost: localhost:" + server.port() + " presented "
                + "a certificate for other.example; check the host in the endpoint URL (it must be a name on the "
                + "certificate), or have the server's operator add this name to its certificate", reason);
        assertRetriedAndAnnounced(feed, server, reason);
    }

    @Test
    void aTrustStoreWithoutTheServersCaSaysToAddIt() throws Exception {
        TlsQuoteServer server = server(otherHost);
        Path trust = TestCertificates.trustStore(authority, dir.resolve("wrong-ca.p12"), "pw_test_FAKE_trust");
        feed(server, TlsSettings.trustStore(trust, "pw_test_FAKE_trust".toCharArray(), null));

        assertEquals("the server's certificate is not trusted: localhost:" + server.port() + " presented a certificate "
                + "for other.example, self-signed, and no certificate authority in the trust store " + trust
                + " (PKCS12, 1 certificate) vouches for it; add the CA that issued it (a proxy's, or the server's own) "
                + "to that store, or point marketfeed.tls.trust-store at one that holds it", firstFailure());
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDates() throws Exception {
        TlsQuoteServer server = server(expired);
        Path trust = TestCertificates.trustStore(authority, dir.resolve("expired-trust.p12"), "pw_test_FAKE_trust");
        feed(server, TlsSettings.trustStore(trust, "pw_test_FAKE_trust".toCharArray(), null));

        String reason = firstFailure();
        assertTrue(reason.matches("the server's certificate is outside its validity period: localhost:"
                + server.port() + " presented a certificate for localhost valid from \\S+Z to \\S+Z; the server's "
                + "operator must renew it \\(if those dates look right, check this machine's clock\\)"), reason);
    }

    @Test
    void aTrustStoreThatCannotBeUsedIsRefusedSayingWhatIsWrong() throws Exception {
        Path trust = TestCertificates.trustStore(authority, dir.resolve("protected.p12"), "pw_test_FAKE_right");
        char[] right = "pw_test_FAKE_right".toCharArray();

        TlsSettings.TrustStoreException missing = assertThrows(TlsSettings.TrustStoreException.class,
                () -> TlsSettings.trustStore(dir.resolve("nowhere.p12"), right, null));
        assertEquals(TlsSettings.Problem.PATH, missing.problem());
        assertEquals("there is no file " + dir.resolve("nowhere.p12") + "; give the path of a trust store (PKCS12, "
                + "JKS, or PEM certificates)", missing.getMessage());

        TlsSettings.TrustStoreException wrong = assertThrows(TlsSettings.TrustStoreException.class,
                () -> TlsSettings.trustStore(trust, "pw_test_FAKE_wrong".toCharArray(), null));
        assertEquals(TlsSettings.Problem.PASSWORD, wrong.problem());
        assertEquals("is wrong for " + trust + "; set the password the store was made with", wrong.getMessage());

        TlsSettings.TrustStoreException type = assertThrows(TlsSettings.TrustStoreException.class,
                () -> TlsSettings.trustStore(trust, right, "PKCS13"));
        assertEquals(TlsSettings.Problem.TYPE, type.problem());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a key store\n");
        TlsSettings.TrustStoreException content = assertThrows(TlsSettings.TrustStoreException.class,
                () -> TlsSettings.trustStore(text, null, null));
        assertEquals(TlsSettings.Problem.CONTENT, content.problem());
        assertTrue(content.getMessage().startsWith(text + " cannot be read as PKCS12, JKS or PEM certificates ("),
                content.getMessage());

        TlsSettings good = TlsSettings.trustStore(trust, right, null);
        assertFalse(good.toString().contains("pw_test_FAKE"), good.toString());
    }

    // ---------------------------------------------------------------- helpers

    private TlsQuoteServer server(Path keyStore) throws Exception {
        TlsQuoteServer server = new TlsQuoteServer(keyStore);
        open.add(server);
        return server;
    }

    private MarketFeed feed(TlsQuoteServer server, TlsSettings tls) {
        MarketFeed feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of("api-key", KEY,
                        "endpoint", "wss://localhost:" + server.port(), "symbols", List.of("2222"),
                        "limits.min-reconnect-gap", "100ms")))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .reconnect(ReconnectPolicy.defaults().withDelays(Duration.ofMillis(50), Duration.ofMillis(200)))
                .connectTimeout(Duration.ofSeconds(10))
                .stopTimeout(Duration.ofSeconds(3))
                .tls(tls)
                .build();
        open.add(feed);
        feed.start();
        return feed;
    }

    private String firstFailure() {
        return events.await(ConnectionEvent.class, event -> event.state() == ConnectionState.DISCONNECTED, WAIT)
                .reason();
    }

    /**
     * Not fatal: the certificate is the server's to fix, and may be fixed while we run. Not silent either: every
     * attempt is a {@code disconnected} event and an INFO line with the reason and the next attempt's delay, and no
     * attempt got as far as a WebSocket upgrade.
     */
    private void assertRetriedAndAnnounced(MarketFeed feed, TlsQuoteServer server, String reason) {
        events.awaitCount(ConnectionEvent.class, event -> event.state() == ConnectionState.RECONNECTING, 3, WAIT);
        for (ConnectionEvent event : events.states(ConnectionState.DISCONNECTED)) {
            assertEquals(reason, event.reason());
        }
        assertFalse(feed.allProvidersFailed().isDone(), "a refused certificate is retried, not fatal");
        assertEquals(0, server.upgrades(), "nothing got past the TLS handshake");
        Waits.until(() -> lines(reason).size() >= 3, WAIT,
                () -> "the attempts are not logged: " + lines("Connection - "));
        for (String line : lines(reason)) {
            assertTrue(line.matches("\\S+ INFO  Connection - sahmk/\\S+: \\Q" + reason
                    + "\\E; reconnect attempt \\d+ in \\S+.*"), line);
        }
    }

    /** The log lines (of this JVM: the port in the reason makes them this test's) that say {@code reason}. */
    private static List<String> lines(String reason) {
        return CapturedLogs.all().lines().filter(line -> line.contains(reason)).toList();
    }
}

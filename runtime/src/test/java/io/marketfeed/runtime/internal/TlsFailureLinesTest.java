package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SubscribeStyle;
import java.io.EOFException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * When the TLS engine fails it also closes the connection, and which of the two reaches the client first is a race:
 * either way the line says the TLS handshake failed, never "closed without answering".
 */
class TlsFailureLinesTest {

    private static final Endpoint ENDPOINT = new Endpoint("feed", URI.create("wss://127.0.0.1:8443/feed"),
            AuthStyle.none(), Readiness.onOpen(), new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false,
            Duration.ofSeconds(10)), Set.of("trades"), Map.of());
    private static final String TLS = "TLS handshake with 127.0.0.1:8443 failed (Unsupported or unrecognized SSL "
            + "message); check the scheme (wss:// for a TLS server, ws:// for a plain one), and that the server's "
            + "certificate is valid for 127.0.0.1 and trusted by this Java";

    @Test
    void theTlsFailureIsNamedWhetherItComesFirstAsTheCauseOrBesideTheClose() {
        SSLException ssl = new SSLException("Unsupported or unrecognized SSL message");
        assertEquals(TLS, line(ssl));
        assertEquals(TLS, line(new EOFException("closed").initCause(ssl)), "the close, caused by the TLS failure");
        ClosedChannelException closed = new ClosedChannelException();
        closed.addSuppressed(ssl);
        assertEquals(TLS, line(new RuntimeException("upgrade failed", closed)), "the close, with it suppressed");
    }

    @Test
    void aCloseWithoutATlsFailureIsStillAClose() {
        assertTrue(line(new EOFException()).startsWith("127.0.0.1:8443 closed the connection without answering"),
                line(new EOFException()));
    }

    private static String line(Throwable failure) {
        return ConnectFailures.describe(failure, ENDPOINT, List.of(), Duration.ofSeconds(10));
    }
}

package io.marketfeed.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SubscribeStyle;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The URLs {@code config} prints: as they will be dialled, with every credential masked. */
class TestDialledUrls {

    private static final String KEY = "shmk_test_CANARY_KEY_42";

    @Test
    void theCredentialTheRuntimeAddsIsShownMasked() {
        assertEquals("wss://api.sahmk.sa/ws/v1/stocks/?api_key=****", DialledUrls.describe(endpoint(
                "wss://api.sahmk.sa/ws/v1/stocks/", AuthStyle.queryParameter("api_key", Secret.of(KEY)))));
        assertEquals("wss://quote.alltick.co/quote-b-ws-api?lang=en&token=****", DialledUrls.describe(endpoint(
                "wss://quote.alltick.co/quote-b-ws-api?lang=en", AuthStyle.queryParameter("token", Secret.of(KEY)))));
        assertEquals("wss://tickatlas.com/ws/v1/quotes  (credential sent in the first message)",
                DialledUrls.describe(endpoint("wss://tickatlas.com/ws/v1/quotes",
                        AuthStyle.firstMessage(Duration.ofSeconds(10)))));
        assertEquals("wss://feed.example:8443/v1  (header Authorization: ****)", DialledUrls.describe(endpoint(
                "wss://feed.example:8443/v1", AuthStyle.header("Authorization", Secret.of("Bearer " + KEY)))));
    }

    @Test
    void credentialsWrittenIntoTheUrlAreMaskedToo() {
        assertEquals("wss://****@feed.example/ws?apiKey=****&token=****&symbols=AAPL",
                DialledUrls.describe(endpoint("wss://user:" + KEY + "@feed.example/ws?apiKey=" + KEY + "&token="
                        + KEY + "&symbols=AAPL", AuthStyle.none())));
    }

    private static Endpoint endpoint(String uri, AuthStyle auth) {
        return new Endpoint("quotes", URI.create(uri), auth, Readiness.onOpen(),
                SubscribeStyle.additive(Duration.ofSeconds(5)), Set.of("quotes"), Map.of());
    }
}

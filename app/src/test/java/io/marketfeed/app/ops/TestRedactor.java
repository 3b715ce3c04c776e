package io.marketfeed.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.testing.AcmeProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Redactor}: configured credentials, user info and credential query parameters are masked. */
class TestRedactor {

    @Test
    void configuredValuesAreMaskedWherever() {
        Redactor redactor = Redactor.of(List.of("secret-value-1", "abc", " "));

        assertEquals("refused ****: bad, abc stays", redactor.clean("refused secret-value-1: bad, abc stays"));
        assertNull(redactor.clean(null));
    }

    @Test
    void urlsLoseUserInfoAndCredentialParameters() {
        Redactor redactor = Redactor.of(List.of());

        assertEquals("wss://api.sahmk.sa/ws/v1/stocks/?api_key=****&channel=quotes",
                redactor.clean("wss://api.sahmk.sa/ws/v1/stocks/?api_key=shmk_test_FAKE_x&channel=quotes"));
        assertEquals("closed ws://h/q?token=**** and jdbc:postgresql://****@db:5432/x?password=****",
                redactor.clean("closed ws://h/q?token=t0k and jdbc:postgresql://mf:pw@db:5432/x?password=p"));
        assertEquals("ws://h/quote-b-ws-api?symbol=EURUSD", redactor.clean("ws://h/quote-b-ws-api?symbol=EURUSD"));
    }

    @Test
    void everyCredentialOfTheProvidersIsKnown() {
        ProviderSettings settings = ProviderSettings.of("acme", Map.of("enabled", true,
                "api-key", Secret.of("acme_key_CANARY_1"), "token", Secret.of("acme_token_CANARY_2"),
                "symbols", List.of("ABC"), "depth.levels", 5));
        AcmeProvider acme = new AcmeProvider();
        Redactor redactor = Redactor.forProviders(List.of(new EnabledProvider(acme, settings, acme.create(settings))));

        assertEquals("key ****, token ****, symbol ABC",
                redactor.clean("key acme_key_CANARY_1, token acme_token_CANARY_2, symbol ABC"));
    }
}

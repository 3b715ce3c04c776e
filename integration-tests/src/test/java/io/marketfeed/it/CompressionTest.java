package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.provider.screener.ScreenerProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.Handshake;
import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptedServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An endpoint that offers permessage-deflate gets it from a server that accepts it, and data still decodes. */
class CompressionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void screenerOffersPermessageDeflateAndStreamsThroughIt() {
        EventRecorder events = new EventRecorder();
        try (ScriptedServer server = ScriptedServer.start()) {
            server.rule(Rule.matching("\"type\":\"subscribe\"", "{\"type\":\"subscribed\",\"sequence\":1}"));
            try (MarketFeed feed = MarketFeed.builder()
                    .provider(new ScreenerProvider(), ProviderDefaults.with("screener", Map.of(
                            "enabled", true, "endpoint", server.uri().toString(), "symbols", List.of("005930"),
                            "book", false)))
                    .listener("recorder", events, DeliveryPolicy.dropOldest(10_000))
                    .build()) {
                feed.start();
                server.awaitConnection(1, WAIT);
                Handshake handshake = server.handshakes().get(0);
                assertTrue(handshake.header("Sec-WebSocket-Extensions").orElse("").contains("permessage-deflate"),
                        "offered: " + handshake);
                String update = "{\"type\":\"price_update\",\"stock_code\":\"005930\",\"price\":73000.50,"
                        + "\"padding\":\"" + "x".repeat(4096) + "\"}";
                Waits.until(() -> server.push(update) > 0 && !events.all(Quote.class).isEmpty(), WAIT,
                        () -> "no quote through the compressed connection: " + events.tail());
                assertEquals(new BigDecimal("73000.50"), events.all(Quote.class).get(0).price());
            }
        }
    }
}

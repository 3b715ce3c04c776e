package io.marketfeed.provider.screener;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.MarketFeedProviderConformanceTest;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.ScriptJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The Stock Screening Platform against the provider conformance kit; the server side follows protocols.md §2. */
class TestScreenerProviderConformance extends MarketFeedProviderConformanceTest {

    @Override
    protected MarketFeedProvider provider() {
        return new ScreenerProvider();
    }

    @Override
    protected ProtocolScript script() {
        return new ScreenerScript();
    }

    @Override
    protected ProviderSettings settings(URI server) {
        return ProviderDefaults.with(ScreenerProvider.ID, Map.of(
                ScreenerConfigKeys.ENABLED, true,
                ScreenerConfigKeys.ENDPOINT, server.toString(),
                ScreenerConfigKeys.TOKEN, credential(),
                ScreenerConfigKeys.BOOK, false,
                CommonSettings.HEARTBEAT_INTERVAL, "100ms",
                CommonSettings.HEARTBEAT_TIMEOUT, "500ms",
                CommonSettings.MIN_RECONNECT_GAP, "0ms"));
    }

    /** Anonymous by default: the kit's credential goes in as the optional JWT. */
    @Override
    protected boolean hasCapability(FeedCapability capability) {
        return switch (capability) {
            case QUOTES, BOOK, MARKET_STATUS, ALERTS -> true;
            case TRADES, CANDLES, SUBSCRIBE_ALL, REPLACE_SEMANTICS, RUNTIME_LIMITS, CREDITS, CLIENT_HEARTBEAT,
                    FIRST_MESSAGE_AUTH -> false;
        };
    }

    /** The screener server: no first message, acknowledgements, answered pings, price updates, server pongs. */
    private static final class ScreenerScript implements ProtocolScript {

        private final AtomicLong sequence = new AtomicLong();

        @Override
        public String path(String topic) {
            return "/v1/ws";
        }

        @Override
        public List<String> reply(String clientFrame) {
            String type = ScriptJson.string(clientFrame, "type").orElse("");
            String targets = ScriptJson.array(ScriptJson.stringArray(clientFrame, "targets"));
            String kind = ScriptJson.string(clientFrame, "subscription_type").map(ScriptJson::quote).orElse("null");
            long next = sequence.incrementAndGet();
            return switch (type) {
                case "subscribe" -> List.of("{\"type\":\"subscribed\",\"subscription_type\":" + kind + ",\"targets\":"
                        + targets + ",\"sequence\":" + next + "}");
                case "unsubscribe" -> List.of("{\"type\":\"unsubscribed\",\"subscription_type\":" + kind
                        + ",\"targets\":" + targets + ",\"sequence\":" + next + "}");
                case "ping" -> List.of("{\"type\":\"pong\",\"sequence\":" + next + "}");
                default -> List.of("{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\",\"message\":\"unknown type\"}");
            };
        }

        @Override
        public Optional<Request> request(String clientFrame) {
            List<String> targets = ScriptJson.stringArray(clientFrame, "targets");
            return switch (ScriptJson.string(clientFrame, "type").orElse("")) {
                case "subscribe" -> Optional.of(Request.subscribe(targets));
                case "unsubscribe" -> Optional.of(Request.unsubscribe(targets));
                default -> Optional.empty();
            };
        }

        @Override
        public String dataFrame(String topic, String symbol) {
            return "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":"
                    + sequence.incrementAndGet() + ",\"stock_code\":" + ScriptJson.quote(symbol)
                    + ",\"price\":73000.50,\"change\":1000,\"change_percent\":1.39,\"volume\":12345678}";
        }

        /** KRX codes: six digits. */
        @Override
        public List<String> symbols(String topic, int count) {
            List<String> symbols = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                symbols.add(String.format("%06d", 100 + i * 10));
            }
            return symbols;
        }

        @Override
        public Optional<String> serverHeartbeat() {
            return Optional.of("{\"type\":\"pong\",\"timestamp\":\"2025-11-10T12:00:00.5\",\"sequence\":null}");
        }

        @Override
        public Optional<String> errorFrame(String message) {
            return Optional.of("{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\",\"message\":"
                    + ScriptJson.quote(message) + "}");
        }

        @Override
        public List<String> malformedFrames() {
            return List.of("{\"type\":\"batch\",\"messages\":{}}", "{\"type\":\"batch\",\"messages\":[1,null,\"x\"]}",
                    "{\"type\":\"price_update\",\"stock_code\":[]}", "{\"type\":\"orderbook_update\",\"bids\":7}",
                    "{\"type\":\"reconnected\",\"restored_subscriptions\":\"all\"}", "{\"type\":\"error\"}");
        }
    }
}

package io.marketfeed.provider.tickatlas;

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

/** TickAtlas against the provider conformance kit; the server side follows protocols.md §3 and seed 003. */
class TestTickAtlasProviderConformance extends MarketFeedProviderConformanceTest {

    @Override
    protected MarketFeedProvider provider() {
        return new TickAtlasProvider();
    }

    @Override
    protected ProtocolScript script() {
        return new TickAtlasScript();
    }

    @Override
    protected ProviderSettings settings(URI server) {
        return ProviderDefaults.with(TickAtlasProvider.ID, Map.of(
                TickAtlasConfigKeys.ENABLED, true,
                TickAtlasConfigKeys.API_KEY, credential(),
                TickAtlasConfigKeys.ENDPOINT, server.toString(),
                TickAtlasConfigKeys.PLAN, "enterprise",
                TickAtlasConfigKeys.AUTH_TIMEOUT, "2s",
                CommonSettings.HEARTBEAT_INTERVAL, "100ms",
                CommonSettings.HEARTBEAT_TIMEOUT, "500ms",
                CommonSettings.MIN_RECONNECT_GAP, "0ms"));
    }

    @Override
    protected boolean hasCapability(FeedCapability capability) {
        return switch (capability) {
            case QUOTES, CANDLES, RUNTIME_LIMITS, CREDITS, FIRST_MESSAGE_AUTH -> true;
            case TRADES, BOOK, MARKET_STATUS, ALERTS, SUBSCRIBE_ALL, REPLACE_SEMANTICS, CLIENT_HEARTBEAT -> false;
        };
    }

    /** The TickAtlas server: auth answered by {@code authenticated}, acknowledgements, heartbeats, quotes. */
    private static final class TickAtlasScript implements ProtocolScript {

        @Override
        public String path(String topic) {
            return "/ws/v1/quotes";
        }

        @Override
        public List<String> reply(String clientFrame) {
            String symbols = ScriptJson.array(ScriptJson.stringArray(clientFrame, "symbols"));
            return switch (ScriptJson.string(clientFrame, "action").orElse("")) {
                case "auth" -> List.of("{\"type\":\"authenticated\",\"plan\":\"enterprise\",\"max_symbols\":100,"
                        + "\"credits_per_push\":3,\"daily_quota_remaining\":10000000}");
                case "subscribe" -> List.of("{\"type\":\"subscribed\",\"symbols\":" + symbols + "}");
                case "unsubscribe" -> List.of("{\"type\":\"unsubscribed\",\"symbols\":" + symbols + "}");
                case "ping" -> List.of("{\"type\":\"pong\"}");
                default -> List.of("{\"type\":\"error\",\"code\":\"bad_request\",\"message\":\"unknown action\"}");
            };
        }

        @Override
        public Optional<Request> request(String clientFrame) {
            List<String> symbols = ScriptJson.stringArray(clientFrame, "symbols");
            return switch (ScriptJson.string(clientFrame, "action").orElse("")) {
                case "subscribe" -> Optional.of(Request.subscribe(symbols));
                case "unsubscribe" -> Optional.of(Request.unsubscribe(symbols));
                default -> Optional.empty();
            };
        }

        @Override
        public String dataFrame(String topic, String symbol) {
            return "{\"type\":\"quote\",\"data\":{\"symbol\":" + ScriptJson.quote(symbol) + ",\"time\":"
                    + "\"2026-02-10T09:18:00Z\",\"open\":1.08415,\"high\":1.08431,\"low\":1.08409,\"close\":1.08420,"
                    + "\"volume\":1234,\"bid\":1.08420,\"ask\":1.08431,\"spread\":0.00011}}";
        }

        /** Forex-style six-letter pairs. */
        @Override
        public List<String> symbols(String topic, int count) {
            List<String> symbols = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                symbols.add("EUR" + (char) ('A' + i / 26) + (char) ('A' + i % 26) + "X");
            }
            return symbols;
        }

        @Override
        public Optional<String> serverHeartbeat() {
            return Optional.of("{\"type\":\"heartbeat\",\"timestamp\":\"2026-02-10T09:19:00.000Z\"}");
        }

        @Override
        public Optional<String> errorFrame(String message) {
            return Optional.of("{\"type\":\"error\",\"code\":\"bad_request\",\"message\":"
                    + ScriptJson.quote(message) + "}");
        }

        @Override
        public List<String> malformedFrames() {
            return List.of("{\"type\":\"authenticated\",\"max_symbols\":\"lots\"}", "{\"type\":\"quote\"}",
                    "{\"type\":\"quote\",\"data\":[]}", "{\"type\":\"subscribed\",\"symbols\":{}}",
                    "{\"type\":\"error\"}");
        }
    }
}

package io.marketfeed.provider.sahmk;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.Handshake;
import io.marketfeed.testkit.MarketFeedProviderConformanceTest;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.ScriptJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** SAHMK against the provider conformance kit; the server side follows protocols.md §1. */
class TestSahmkProviderConformance extends MarketFeedProviderConformanceTest {

    @Override
    protected MarketFeedProvider provider() {
        return new SahmkProvider();
    }

    @Override
    protected ProtocolScript script() {
        return new SahmkScript();
    }

    @Override
    protected ProviderSettings settings(URI server) {
        return ProviderDefaults.with(SahmkProvider.ID, Map.of(
                SahmkConfigKeys.API_KEY, credential(),
                SahmkConfigKeys.ENDPOINT, server.toString(),
                SahmkConfigKeys.READY_TIMEOUT, "2s",
                CommonSettings.HEARTBEAT_INTERVAL, "100ms",
                CommonSettings.HEARTBEAT_TIMEOUT, "500ms",
                CommonSettings.MIN_RECONNECT_GAP, "0ms"));
    }

    @Override
    protected boolean hasCapability(FeedCapability capability) {
        return switch (capability) {
            case QUOTES, TRADES, BOOK, SUBSCRIBE_ALL, RUNTIME_LIMITS, CLIENT_HEARTBEAT -> true;
            case CANDLES, MARKET_STATUS, ALERTS, REPLACE_SEMANTICS, CREDITS, FIRST_MESSAGE_AUTH -> false;
        };
    }

    /** The SAHMK server: {@code connected} first, acknowledgements, pongs, quotes, and close 4401 for a bad key. */
    private static final class SahmkScript implements ProtocolScript {

        @Override
        public String path(String topic) {
            return switch (topic) {
                case "book" -> "/ws/v1/market/depth/";
                case "trades" -> "/ws/v1/market/trades/";
                default -> "/ws/v1/stocks/";
            };
        }

        @Override
        public List<String> onOpen(Handshake handshake) {
            return List.of("{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":{\"max_symbols_per_connection\":60,"
                    + "\"max_symbols_per_call\":20}}");
        }

        @Override
        public List<String> reply(String clientFrame) {
            Optional<String> action = ScriptJson.string(clientFrame, "action");
            if (action.isEmpty()) {
                return List.of();
            }
            String symbols = ScriptJson.array(ScriptJson.stringArray(clientFrame, "symbols"));
            return switch (action.get()) {
                case "subscribe" -> List.of("{\"type\":\"subscribed\",\"symbols\":" + symbols + "}");
                case "unsubscribe" -> List.of("{\"type\":\"unsubscribed\",\"symbols\":" + symbols + "}");
                case "ping" -> List.of("{\"type\":\"pong\"}");
                default -> List.of("{\"type\":\"error\",\"message\":\"Unknown action\"}");
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
            return "{\"type\":\"quote\",\"symbol\":" + ScriptJson.quote(symbol) + ",\"data\":{\"price\":27.45,"
                    + "\"change_percent\":0.5},\"timestamp\":\"2026-02-10T12:19:22+00:00\"}";
        }

        /** Tadawul codes: four digits. */
        @Override
        public List<String> symbols(String topic, int count) {
            List<String> symbols = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                symbols.add(Integer.toString(1010 + i));
            }
            return symbols;
        }

        @Override
        public OptionalInt fatalCloseCode() {
            return OptionalInt.of(4401);
        }

        @Override
        public Optional<String> errorFrame(String message) {
            return Optional.of("{\"type\":\"error\",\"message\":" + ScriptJson.quote(message) + "}");
        }

        @Override
        public List<String> malformedFrames() {
            return List.of("{\"type\":\"subscribed\"}", "{\"type\":\"quote\"}", "{\"type\":\"quote\",\"symbol\":[]}",
                    "{\"type\":\"depth_snapshot\",\"symbol\":\"1010\",\"bids\":{}}",
                    "{\"type\":\"trades_snapshot\",\"events\":[null,1,\"x\"]}",
                    "{\"type\":\"connected\",\"limits\":[]}");
        }
    }
}

package io.marketfeed.provider.alltick;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.MarketFeedProviderConformanceTest;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.ScriptJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AllTick against the provider conformance kit; the server side follows protocols.md §4. The kit's symbols have no
 * market suffix, so everything runs on the other endpoint ({@code /quote-b-ws-api}); pacing is switched off.
 */
class TestAlltickProviderConformance extends MarketFeedProviderConformanceTest {

    @Override
    protected MarketFeedProvider provider() {
        return new AlltickProvider();
    }

    @Override
    protected ProtocolScript script() {
        return new AlltickScript();
    }

    @Override
    protected ProviderSettings settings(URI server) {
        Map<String, Object> values = new HashMap<>();
        values.put(AlltickConfigKeys.ENABLED, true);
        values.put(AlltickConfigKeys.TOKEN, credential());
        values.put(AlltickConfigKeys.ENDPOINT, server.toString());
        values.put(AlltickConfigKeys.PLAN, "professional");
        values.put(AlltickConfigKeys.HEARTBEAT_INTERVAL, "100ms");
        values.put(AlltickConfigKeys.HEARTBEAT_TIMEOUT, "500ms");
        values.put(AlltickConfigKeys.PACING_MARGIN, "0ms");
        values.put(AlltickConfigKeys.MIN_CONTROL_GAP, "0ms");
        values.put(AlltickConfigKeys.MIN_GLOBAL_CONTROL_GAP, "0ms");
        values.put(AlltickConfigKeys.MIN_RECONNECT_GAP, "0ms");
        return ProviderDefaults.with(AlltickProvider.ID, values);
    }

    @Override
    protected boolean hasCapability(FeedCapability capability) {
        return switch (capability) {
            case TRADES, BOOK, REPLACE_SEMANTICS, CLIENT_HEARTBEAT -> true;
            case QUOTES, CANDLES, MARKET_STATUS, ALERTS, SUBSCRIBE_ALL, RUNTIME_LIMITS, CREDITS, FIRST_MESSAGE_AUTH ->
                    false;
        };
    }

    /**
     * The AllTick server: silent until asked, every request answered with {@code ret} 200 and its {@code cmd_id}
     * plus one, {@code seq_id} and {@code trace}; pushes {@code 22998} and {@code 22999}.
     */
    private static final class AlltickScript implements ProtocolScript {

        private static final Pattern CMD_ID = Pattern.compile("\"cmd_id\"\\s*:\\s*(\\d+)");
        private static final Pattern SEQ_ID = Pattern.compile("\"seq_id\"\\s*:\\s*(\\d+)");
        private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");

        @Override
        public String path(String topic) {
            return "/quote-b-ws-api";
        }

        @Override
        public List<String> reply(String clientFrame) {
            Optional<Integer> cmdId = number(CMD_ID, clientFrame).map(Long::intValue);
            if (cmdId.isEmpty()) {
                return List.of("{\"ret\":400,\"msg\":\"request header param invalid\",\"cmd_id\":0,\"seq_id\":0,"
                        + "\"trace\":\"\",\"data\":{}}");
            }
            long seqId = number(SEQ_ID, clientFrame).orElse(0L);
            String trace = ScriptJson.quote(ScriptJson.string(clientFrame, "trace").orElse(""));
            return List.of("{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":" + (cmdId.get() + 1) + ",\"seq_id\":" + seqId
                    + ",\"trace\":" + trace + ",\"data\":{}}");
        }

        @Override
        public Optional<Request> request(String clientFrame) {
            int cmdId = number(CMD_ID, clientFrame).map(Long::intValue).orElse(0);
            return switch (cmdId) {
                case 22002, 22004 -> Optional.of(Request.subscribe(codes(clientFrame)));
                case 22006 -> Optional.of(Request.unsubscribe(List.of()));
                default -> Optional.empty();
            };
        }

        @Override
        public String dataFrame(String topic, String symbol) {
            String code = ScriptJson.quote(symbol);
            if (topic.equals(Topics.BOOK)) {
                return "{\"cmd_id\":22999,\"data\":{\"code\":" + code + ",\"seq\":\"30686349\",\"tick_time\":"
                        + "\"1677830357227\",\"bids\":[{\"price\":\"1.08429\"}],\"asks\":[{\"price\":\"1.08431\"}]}}";
            }
            return "{\"cmd_id\":22998,\"data\":{\"code\":" + code + ",\"seq\":\"1605509068000001\",\"tick_time\":"
                    + "\"1677831545217\",\"price\":\"1.08430\",\"volume\":\"0\",\"trade_direction\":0}}";
        }

        @Override
        public Optional<String> errorFrame(String message) {
            return Optional.of("{\"ret\":500,\"msg\":" + ScriptJson.quote(message) + ",\"cmd_id\":0,\"seq_id\":0,"
                    + "\"trace\":\"\",\"data\":{}}");
        }

        @Override
        public List<String> malformedFrames() {
            return List.of("{\"ret\":200}", "{\"ret\":\"x\",\"seq_id\":1}", "{\"cmd_id\":22998}",
                    "{\"cmd_id\":22999,\"data\":{\"code\":\"EURUSD\",\"bids\":{},\"asks\":[null,1,\"x\"]}}",
                    "{\"cmd_id\":22998,\"data\":{\"code\":[],\"price\":{}}}", "{\"type\":\"tick\",\"code\":\"EURUSD\"}",
                    "{\"ret\":200,\"seq_id\":\"abc\",\"trace\":{}}");
        }

        private static Optional<Long> number(Pattern pattern, String json) {
            Matcher matcher = pattern.matcher(json);
            return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
        }

        private static List<String> codes(String json) {
            List<String> codes = new ArrayList<>();
            Matcher matcher = CODE.matcher(json);
            while (matcher.find()) {
                codes.add(ScriptJson.string("{\"c\":" + matcher.group(1) + "}", "c").orElseThrow());
            }
            return codes;
        }
    }
}

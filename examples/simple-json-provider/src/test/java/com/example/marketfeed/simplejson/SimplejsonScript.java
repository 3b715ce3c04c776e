package com.example.marketfeed.simplejson;

import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.ScriptJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server side of the simplejson protocol, for the conformance kit's scripted server and for
 * {@link DemoServer}: it acknowledges subscribe and unsubscribe requests (refusing malformed symbols with a
 * per-symbol error, as the real server does), answers pings, reads requests, and makes data frames.
 * Stateless, so thread safe.
 */
final class SimplejsonScript implements ProtocolScript {

    /** The path the tests put into the endpoint setting; the kit checks that connections go there. */
    static final String PATH = "/v1/ws";

    private static final String SYMBOL = "[A-Z0-9]{1,16}-[A-Z0-9]{1,16}";

    @Override
    public String path(String topic) {
        return PATH;
    }

    @Override
    public List<String> reply(String clientFrame) {
        String op = ScriptJson.string(clientFrame, "op").orElse("");
        if (op.equals("ping")) {
            return List.of("{\"event\":\"pong\"}");
        }
        Optional<String> channel = ScriptJson.string(clientFrame, "channel");
        if (!op.equals("subscribe") && !op.equals("unsubscribe") || channel.isEmpty()) {
            return List.of("{\"event\":\"error\",\"code\":40000,\"msg\":\"malformed request\"}");
        }
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String symbol : ScriptJson.stringArray(clientFrame, "args")) {
            (symbol.matches(SYMBOL) ? accepted : refused).add(symbol);
        }
        List<String> replies = new ArrayList<>();
        String onChannel = ",\"channel\":" + ScriptJson.quote(channel.get()) + ",\"args\":";
        if (!accepted.isEmpty()) {
            replies.add("{\"event\":\"" + op + "\"" + onChannel + ScriptJson.array(accepted) + "}");
        }
        if (!refused.isEmpty()) {
            replies.add("{\"event\":\"error\",\"code\":40002,\"msg\":\"unknown symbol\"" + onChannel
                    + ScriptJson.array(refused) + "}");
        }
        return replies;
    }

    @Override
    public Optional<Request> request(String clientFrame) {
        List<String> symbols = ScriptJson.stringArray(clientFrame, "args");
        switch (ScriptJson.string(clientFrame, "op").orElse("")) {
            case "subscribe": return Optional.of(Request.subscribe(symbols));
            case "unsubscribe": return Optional.of(Request.unsubscribe(symbols));
            default: return Optional.empty();
        }
    }

    @Override
    public String dataFrame(String topic, String symbol) {
        if (topic.equals(Topics.TRADES)) {
            return "{\"topic\":\"trade\",\"data\":{\"symbol\":" + ScriptJson.quote(symbol) + ",\"px\":\"64012.5\","
                    + "\"sz\":\"0.015\",\"side\":\"buy\",\"id\":\"t1\",\"ts\":1732233600456}}";
        }
        return "{\"topic\":\"ticker\",\"data\":{\"symbol\":" + ScriptJson.quote(symbol) + ",\"last\":\"64012.5\","
                + "\"bid\":\"64012.4\",\"ask\":\"64012.6\",\"ts\":1732233600123}}";
    }

    /** The provider accepts BASE-QUOTE symbols only, so the kit's default {@code SYM001} would be refused. */
    @Override
    public List<String> symbols(String topic, int count) {
        List<String> symbols = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            symbols.add(String.format("S%03d-USD", i));
        }
        return symbols;
    }

    @Override
    public OptionalInt fatalCloseCode() {
        return OptionalInt.of(SimplejsonDispositions.CLOSE_INVALID_KEY);
    }

    @Override
    public Optional<String> errorFrame(String message) {
        return Optional.of("{\"event\":\"error\",\"code\":40000,\"msg\":" + ScriptJson.quote(message) + "}");
    }

    @Override
    public List<String> malformedFrames() {
        return List.of(
                "{\"event\":\"error\"}",
                "{\"event\":\"error\",\"args\":[\"BTC-USD\"]}",
                "{\"event\":\"subscribe\",\"channel\":\"candles\",\"args\":[\"BTC-USD\"]}",
                "{\"event\":\"subscribe\",\"channel\":\"ticker\",\"args\":\"BTC-USD\"}",
                "{\"topic\":\"ticker\"}",
                "{\"topic\":\"ticker\",\"data\":{\"symbol\":\"BTC-USD\"}}",
                "{\"topic\":\"trade\",\"data\":{\"symbol\":\"BTC-USD\",\"px\":\"abc\",\"sz\":\"1\"}}",
                "{\"topic\":\"ticker\",\"data\":{\"symbol\":\"BTC-USD\",\"last\":\"1e999999999\"}}",
                "{\"topic\":\"trade\",\"data\":{\"symbol\":\"BTC-USD\",\"px\":\"1\",\"sz\":\"1\","
                        + "\"ts\":\"99999999999999999999\"}}",
                "{\"event\":\"welcome\"}");
    }
}

package io.marketfeed.testkit.fake;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.testkit.Handshake;
import io.marketfeed.testkit.ProtocolScript;
import io.marketfeed.testkit.ScriptJson;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The server side of the fake protocol. */
public final class FakeScript implements ProtocolScript {

    private final FakeOptions options;

    public FakeScript(FakeOptions options) {
        this.options = options;
    }

    @Override
    public String path(String topic) {
        return FakeProtocol.PATH;
    }

    @Override
    public List<String> onOpen(Handshake handshake) {
        return options.auth() == AuthStyle.Kind.FIRST_MESSAGE ? List.of() : List.of("{\"event\":\"welcome\"}");
    }

    @Override
    public List<String> reply(String clientFrame) {
        List<String> args = ScriptJson.stringArray(clientFrame, "args");
        return switch (ScriptJson.string(clientFrame, "op").orElse("")) {
            case "auth" -> List.of("{\"event\":\"authenticated\"}");
            case "subscribe" -> List.of("{\"event\":\"subscribed\",\"args\":" + ScriptJson.array(args) + "}");
            case "unsubscribe" -> List.of("{\"event\":\"unsubscribed\",\"args\":" + ScriptJson.array(args) + "}");
            case "ping" -> List.of("{\"event\":\"pong\"}");
            default -> List.of();
        };
    }

    @Override
    public Optional<Request> request(String clientFrame) {
        List<String> args = ScriptJson.stringArray(clientFrame, "args");
        return switch (ScriptJson.string(clientFrame, "op").orElse("")) {
            case "subscribe" -> Optional.of(Request.subscribe(args));
            case "unsubscribe" -> Optional.of(Request.unsubscribe(args));
            default -> Optional.empty();
        };
    }

    @Override
    public String dataFrame(String topic, String symbol) {
        return "{\"topic\":" + ScriptJson.quote(topic) + ",\"symbol\":" + ScriptJson.quote(symbol)
                + ",\"price\":\"1.25\"}";
    }

    @Override
    public OptionalInt fatalCloseCode() {
        return OptionalInt.of(FakeProtocol.FATAL_CLOSE);
    }

    @Override
    public Optional<String> serverHeartbeat() {
        return options.pinger() == HeartbeatSpec.Pinger.SERVER ? Optional.of("{\"event\":\"heartbeat\"}")
                : Optional.empty();
    }
}

package io.marketfeed.provider.screener;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a Screener frame with Jackson's streaming parser into a {@link ScreenerMessage}, in one pass, whatever
 * the order of the fields. A {@code batch}'s {@code messages[]} are read recursively (one level: a batch inside a
 * batch is read too, deeper nesting is skipped). Unknown fields and fields of an unexpected shape are skipped.
 * Thread safe.
 */
final class ScreenerFrameReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    /** Top-level scalar names the decoder reads; everything else is skipped. */
    private static final Set<String> SCALARS = Set.of("type", "timestamp", "sequence", "stock_code", "code",
            "symbol", "name", "price", "change", "change_percent", "change_pct", "volume", "market", "status",
            "alert_id", "alert_type", "message", "title", "notification_id", "notification_type", "priority",
            "threshold", "current_price", "session_id", "connection_id", "missed_messages_count",
            "subscription_type", "access_token", "expires_in", "batch_size", "reason", "retry_after", "error",
            "identifier");

    private static final int MAX_BATCH_DEPTH = 2;

    private ScreenerFrameReader() {
    }

    /** @throws IOException when the frame is not a JSON object */
    static ScreenerMessage read(InboundFrame frame) throws IOException {
        try (JsonParser parser = JSON.createParser(frame.array(), frame.offset(), frame.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("empty, or not a JSON object");
            }
            ScreenerMessage message = readObject(parser, 0);
            if (parser.nextToken() != null) {
                throw new IOException("content after the JSON object");
            }
            return message;
        }
    }

    /** Reads the object whose START_OBJECT was just consumed. */
    private static ScreenerMessage readObject(JsonParser parser, int depth) throws IOException {
        ScreenerMessage message = new ScreenerMessage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "targets": message.targets = strings(parser, value); break;
                case "bids": message.bids = levels(parser, value); break;
                case "asks": message.asks = levels(parser, value); break;
                case "details": scalars(parser, value, message.details); break;
                case "data": scalars(parser, value, message.data); break;
                case "restored_subscriptions": message.restored = restored(parser, value); break;
                case "messages": message.messages = messages(parser, value, depth); break;
                default:
                    if (value.isStructStart()) {
                        parser.skipChildren();
                    } else if (name.equals("sequence") && value == JsonToken.VALUE_NULL) {
                        message.sequenceNull = true;
                    } else if (SCALARS.contains(name) && value != JsonToken.VALUE_NULL) {
                        // For numbers getText() is the literal as sent, so 73000.50 keeps its decimals.
                        message.fields.put(name, parser.getText());
                    }
            }
        }
        return message;
    }

    private static List<ScreenerMessage> messages(JsonParser parser, JsonToken value, int depth) throws IOException {
        if (value != JsonToken.START_ARRAY || depth >= MAX_BATCH_DEPTH) {
            parser.skipChildren();
            return null;
        }
        List<ScreenerMessage> out = ScreenerMessage.newMessages();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                out.add(readObject(parser, depth + 1));
            } else {
                parser.skipChildren();
            }
        }
        return out;
    }

    private static void scalars(JsonParser parser, JsonToken value, Map<String, String> into) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            if (inner.isStructStart()) {
                parser.skipChildren();
            } else if (inner != JsonToken.VALUE_NULL && into.size() < 64) {
                into.put(name, parser.getText());
            }
        }
    }

    private static Map<String, List<String>> restored(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Map<String, List<String>> out = ScreenerMessage.newRestored();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            List<String> targets = strings(parser, parser.nextToken());
            if (targets != null) {
                out.put(type, targets);
            }
        }
        return out;
    }

    /** An array of scalars as text (a lone string is a list of one), or null for anything else. */
    private static List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return new ArrayList<>(List.of(parser.getText()));
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item.isStructStart()) {
                parser.skipChildren();
            } else if (item.isScalarValue() && item != JsonToken.VALUE_NULL) {
                out.add(parser.getText());
            }
        }
        return out;
    }

    private static List<ScreenerMessage.Level> levels(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<ScreenerMessage.Level> out = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                String price = null;
                String quantity = null;
                String orders = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken inner = parser.nextToken();
                    if (inner.isStructStart()) {
                        parser.skipChildren();
                        continue;
                    }
                    if (inner == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    switch (name) {
                        case "price": price = parser.getText(); break;
                        case "quantity": case "size": case "volume": quantity = parser.getText(); break;
                        case "orders": case "order_count": orders = parser.getText(); break;
                        default: break;
                    }
                }
                out.add(new ScreenerMessage.Level(price, quantity, orders));
            } else if (item == JsonToken.START_ARRAY) {
                // [price, quantity] pairs are not what the server sends, but cost nothing to accept.
                List<String> pair = new ArrayList<>();
                JsonToken inner;
                while ((inner = parser.nextToken()) != null && inner != JsonToken.END_ARRAY) {
                    if (inner.isStructStart()) {
                        parser.skipChildren();
                    } else {
                        pair.add(parser.getText());
                    }
                }
                out.add(new ScreenerMessage.Level(pair.size() > 0 ? pair.get(0) : null,
                        pair.size() > 1 ? pair.get(1) : null, pair.size() > 2 ? pair.get(2) : null));
            } else {
                parser.skipChildren();
            }
        }
        return out;
    }
}

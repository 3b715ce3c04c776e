package io.marketfeed.sink.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads back what {@link JsonlEncoder} wrote: one line, one event, equal to the one encoded (decimals with the
 * same digits and scale, instants to the nanosecond). Used by the spool, which keeps events on disk in this
 * form while a store is down, and by tests.
 *
 * <p>Not thread safe: one decoder per thread.
 */
public final class JsonlDecoder {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    /**
     * The event on {@code length} bytes of {@code line} from {@code offset} (one JSON object; a trailing
     * newline is allowed).
     *
     * @throws IllegalArgumentException when the bytes are not an event in the jsonl schema
     */
    public MarketEvent decode(byte[] line, int offset, int length) {
        Map<String, Object> fields;
        try (JsonParser parser = FACTORY.createParser(line, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            fields = object(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        try {
            return event(new Fields(fields));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an event of the jsonl schema: " + e.getMessage(), e);
        }
    }

    private static MarketEvent event(Fields f) {
        String type = f.text("type");
        String provider = f.text("provider");
        Instant receivedAt = f.instant("receivedAt");
        switch (type) {
            case "quote":
                Quote.Builder quote = Quote.builder(provider, f.text("symbol"), receivedAt).time(f.instant("time"));
                for (Quote.Field field : Quote.Field.values()) {
                    BigDecimal value = f.decimal(field.accessor());
                    if (value != null) {
                        quote.set(field, value);
                    }
                }
                return quote.build();
            case "trade":
                String side = f.text("side");
                return new Trade(provider, f.text("symbol"), f.decimal("price"), f.decimal("size"),
                        f.decimal("value"), side == null ? Side.UNKNOWN : Side.valueOf(side.toUpperCase(Locale.ROOT)),
                        f.text("tradeId"), f.instant("time"), receivedAt);
            case "candle":
                return new Candle(provider, f.text("symbol"), Duration.parse(f.text("interval")),
                        f.instant("openTime"), f.decimal("open"), f.decimal("high"), f.decimal("low"),
                        f.decimal("close"), f.decimal("volume"), receivedAt);
            case "book":
                return new BookSnapshot(provider, f.text("symbol"), f.levels("bids"), f.levels("asks"),
                        f.instant("time"), receivedAt);
            case "market":
                return new MarketStatus(provider, f.text("market"), f.text("status"), f.text("message"),
                        f.instant("time"), receivedAt);
            case "alert":
                return new Alert(provider, f.text("symbol"), f.text("kind"), f.text("message"), f.instant("time"),
                        receivedAt);
            case "connection":
                BigDecimal next = f.decimal("nextAttemptIn");
                return new ConnectionEvent(provider, f.text("connection"),
                        ConnectionState.valueOf(f.text("state").toUpperCase(Locale.ROOT)), f.text("reason"),
                        f.decimal("attempt").intValueExact(),
                        next == null ? null : Duration.ofMillis(next.longValueExact()), receivedAt);
            case "gap":
                return new GapEvent(provider, f.text("connection"), f.texts("symbols"), f.instant("from"),
                        f.instant("to"), f.text("reason"), receivedAt);
            case "status":
                return new StatusEvent(provider, f.text("kind"), f.text("message"), f.textMap("details"),
                        receivedAt);
            default:
                throw new IllegalArgumentException("unknown type \"" + type + "\"");
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            fields.put(name, value(parser, parser.nextToken()));
        }
        return fields;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                // From the number's text: exact, with its scale.
                return parser.getDecimalValue();
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                List<Object> values = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    values.add(value(parser, next));
                }
                return values;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token);
        }
    }

    /** Typed access to one decoded object. */
    private static final class Fields {
        private final Map<String, Object> values;

        Fields(Map<String, Object> values) {
            this.values = values;
        }

        String text(String name) {
            Object value = values.get(name);
            return value == null ? null : (String) value;
        }

        BigDecimal decimal(String name) {
            return (BigDecimal) values.get(name);
        }

        Instant instant(String name) {
            String text = text(name);
            return text == null ? null : Instant.parse(text);
        }

        @SuppressWarnings("unchecked")
        List<String> texts(String name) {
            return (List<String>) (List<?>) values.get(name);
        }

        @SuppressWarnings("unchecked")
        Map<String, String> textMap(String name) {
            Map<String, String> map = new LinkedHashMap<>();
            ((Map<String, Object>) values.get(name)).forEach((key, value) -> map.put(key, (String) value));
            return map;
        }

        @SuppressWarnings("unchecked")
        List<BookLevel> levels(String name) {
            List<BookLevel> levels = new ArrayList<>();
            for (Object level : (List<Object>) values.get(name)) {
                Fields fields = new Fields((Map<String, Object>) level);
                BigDecimal orders = fields.decimal("orders");
                levels.add(new BookLevel(fields.decimal("price"), fields.decimal("size"),
                        orders == null ? null : orders.intValueExact()));
            }
            return levels;
        }
    }
}

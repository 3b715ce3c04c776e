package io.marketfeed.provider.screener;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import io.marketfeed.toolkit.WallClockTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server message as read from the wire, every field optional: the shipped server strips payload fields in
 * delivery (protocols.md §2.6), and the docs use other names. Scalars are kept as their wire text
 * ({@link TextFields} over {@link ScreenerField}) so that numbers stay exact ({@code 73000.5} is the decimal
 * 73000.5, never a double) and nothing is interpreted before it is asked for.
 *
 * <p>Reused: the reader keeps one per connection and clears it for each frame, and a batch's messages are kept
 * in a list of messages that is reused too, so reading a quote, a book or a batch of them allocates nothing.
 * What only rare frames carry ({@code targets}, {@code restored_subscriptions}, {@code details}) is allocated
 * when it comes. Valid until the reader reads the next frame; not thread safe.
 *
 * <p>A value {@link TextFields} would not keep as sent (longer than {@link TextFields#MAX_VALUE_LENGTH}, such as
 * a long token or message) or whose surrounding blanks {@link ExactDecimal} would trim otherwise than
 * {@link String#strip()} (control characters, Unicode spaces) is kept as a {@code String} instead and read the
 * way the provider always read it ({@link ScreenerText}), so every value means what it meant before.
 */
final class ScreenerMessage {

    /** The fields a book level has (the reader sets no other in a level). */
    private static final List<ScreenerField> LEVEL_FIELDS = List.of(ScreenerField.PRICE, ScreenerField.QUANTITY,
            ScreenerField.ORDERS);

    /** Top-level scalars (only the names the decoder reads are kept). */
    final TextFields<ScreenerField> top = new TextFields<>(ScreenerField.class);
    /** Scalars of {@code data} (the alert's {@code data{}}, and the frontend's nested shape). */
    final TextFields<ScreenerField> data = new TextFields<>(ScreenerField.class);
    /** Book sides: {@link ScreenerField#PRICE}, {@link ScreenerField#QUANTITY}, {@link ScreenerField#ORDERS}. */
    final TextFieldsList<ScreenerField> bids = new TextFieldsList<>(ScreenerField.class);
    final TextFieldsList<ScreenerField> asks = new TextFieldsList<>(ScreenerField.class);
    /** Whether {@code sequence} was present and JSON null (the server's unsolicited heartbeat). */
    boolean sequenceNull;
    /** {@code targets}, or null. Rare frames (acks): allocated. */
    List<String> targets;
    /** {@code restored_subscriptions}: subscription type → targets, in wire order; or null. */
    Map<String, List<String>> restored;
    /** Scalars of {@code details} ({@code rate_limit}, {@code max*}) by name; null until an error carries them. */
    private Map<String, String> details;

    /**
     * {@code timestamp}'s text, kept apart to be read from the characters by {@link WallClockTime} in UTC: the
     * server's {@code datetime.utcnow().isoformat()} is naive ({@code 2025-11-10T12:00:00.123456}), the docs'
     * times end in {@code Z}.
     */
    private char[] timestamp = new char[32];
    private int timestampLength = -1;
    /** A {@code timestamp} longer than {@link TextFields#MAX_VALUE_LENGTH} (blanks around it), or null. */
    private String longTimestamp;
    /** Whether {@link #longTimestamp} is what stands for JSON null or a structure, which is no time. */
    private boolean timestampUnkept;

    /** {@code batch.messages}, in order: reused messages, {@code messageCount} of them this frame. */
    private List<ScreenerMessage> messages;
    private int messageCount;
    private boolean hasMessages;

    /**
     * Values kept as strings (see the class comment), by the object they belong to and their field; null or empty
     * on ordinary frames. A map, not a list: a frame may carry many (a book of thousands of such levels), and each
     * one is set and looked up once or twice.
     */
    private Map<Odd, String> odd;

    /** Where an odd value belongs: the object (by identity, as {@link TextFields} has no equality of its own). */
    private record Odd(TextFields<ScreenerField> owner, ScreenerField field) {
    }

    /** Forgets the last frame's values. */
    void clear() {
        top.clear();
        data.clear();
        bids.clear();
        asks.clear();
        sequenceNull = false;
        targets = null;
        restored = null;
        details = null;
        timestampLength = -1;
        longTimestamp = null;
        timestampUnkept = false;
        messageCount = 0;
        hasMessages = false;
        if (odd != null) {
            odd.clear();
        }
    }

    // ------------------------------------------------------------------ filled by the reader

    /**
     * Keeps the parser's current scalar as {@code field} of {@code into}. JSON null, an object or an array (skipped)
     * leave a field sent before as it was (a duplicate key), and are otherwise kept as sent without a value, which
     * {@link #bad} reports.
     */
    void set(TextFields<ScreenerField> into, ScreenerField field, JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL || token != null && token.isStructStart()) {
            if (into.has(field) || odd(into, field) != null) {
                parser.skipChildren();
            } else {
                into.set(field, parser);
            }
            return;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (odd != null && !odd.isEmpty()) {
            odd.remove(new Odd(into, field));
        }
        if (ScreenerText.keptAsSent(chars, offset, length)) {
            into.set(field, parser);
        } else {
            into.set(field, (String) null);
            if (odd == null) {
                odd = new HashMap<>();
            }
            odd.put(new Odd(into, field), parser.getText());
        }
    }

    /** Keeps the parser's current scalar as the {@code timestamp}; JSON null or a structure as sent, no time. */
    void setTimestamp(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL || token != null && token.isStructStart()) {
            parser.skipChildren();
            longTimestamp = token == JsonToken.VALUE_NULL ? "null"
                    : token == JsonToken.START_OBJECT ? "{…}" : "[…]";
            timestampLength = -1;
            timestampUnkept = true;
            return;
        }
        timestampUnkept = false;
        int length = parser.getTextLength();
        if (length > TextFields.MAX_VALUE_LENGTH) {
            longTimestamp = parser.getText();
            timestampLength = -1;
            return;
        }
        longTimestamp = null;
        if (length > timestamp.length) {
            timestamp = new char[length];
        }
        System.arraycopy(parser.getTextCharacters(), parser.getTextOffset(), timestamp, 0, length);
        timestampLength = length;
    }

    /** A cleared level appended to a book side. */
    TextFields<ScreenerField> addLevel(TextFieldsList<ScreenerField> side) {
        TextFields<ScreenerField> level = side.add();
        if (odd != null && !odd.isEmpty()) {
            // A side sent twice reuses its levels: nothing of the first may show through.
            for (ScreenerField field : LEVEL_FIELDS) {
                odd.remove(new Odd(level, field));
            }
        }
        return level;
    }

    /** Starts {@code messages} afresh; {@code present} when it is an array the reader will fill. */
    void startMessages(boolean present) {
        messageCount = 0;
        hasMessages = present;
    }

    /** A cleared message appended to {@code messages}. */
    ScreenerMessage addMessage() {
        if (messages == null) {
            messages = new ArrayList<>();
        }
        if (messageCount == messages.size()) {
            messages.add(new ScreenerMessage());
        }
        ScreenerMessage message = messages.get(messageCount++);
        message.clear();
        return message;
    }

    /** {@code details}, created when the first one comes. */
    Map<String, String> details() {
        if (details == null) {
            details = new HashMap<>();
        }
        return details;
    }

    // ------------------------------------------------------------------ read by the session and the codec

    /** Whether the message carried {@code messages} as an array (a batch's items). */
    boolean hasMessages() {
        return hasMessages;
    }

    int messageCount() {
        return messageCount;
    }

    ScreenerMessage message(int index) {
        if (index >= messageCount) {
            throw new IndexOutOfBoundsException(index + " of " + messageCount);
        }
        return messages.get(index);
    }

    /** The message type, interned through {@code types}; null when it has none. */
    String type(Symbols types) {
        return symbol(top, ScreenerField.TYPE, types);
    }

    /** A top-level field's text as sent, or null. Allocates. */
    String text(ScreenerField field) {
        String kept = odd(top, field);
        return kept != null ? kept : top.text(field);
    }

    /** A top-level field's text without surrounding blanks, or null when absent or blank. Allocates. */
    String trimmed(ScreenerField field) {
        String kept = odd(top, field);
        return kept != null ? ScreenerText.clean(kept) : top.trimmed(field);
    }

    /** The first of several top-level fields that is present and not blank (the code's name first). */
    String first(ScreenerField... fields) {
        for (ScreenerField field : fields) {
            String value = trimmed(field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Whether a top-level field is present and not blank. Allocates nothing. */
    boolean present(ScreenerField field) {
        String kept = odd(top, field);
        return kept != null ? ScreenerText.clean(kept) != null : top.has(field) && !top.is(field, "");
    }

    /** A field as a symbol: trimmed, interned through {@code symbols}, null when absent or blank. */
    String symbol(TextFields<ScreenerField> in, ScreenerField field, Symbols symbols) {
        String kept = odd(in, field);
        return kept != null ? ScreenerText.clean(kept) : in.symbol(field, symbols);
    }

    /**
     * Sets a quote's field from this field when it holds a decimal; otherwise leaves it as it was. Returns whether
     * it was set. Allocates nothing for a plain decimal.
     */
    boolean decimal(TextFields<ScreenerField> in, ScreenerField field, ExactDecimal scratch, Quote.Builder quote,
            Quote.Field target) {
        String kept = odd(in, field);
        if (kept == null) {
            return in.decimal(field, scratch, quote, target);
        }
        BigDecimal value = ScreenerText.decimalOf(kept);
        if (value != null) {
            quote.set(target, value);
        }
        return value != null;
    }

    /** The field as an exact decimal, or null when absent or not a decimal. */
    BigDecimal decimal(TextFields<ScreenerField> in, ScreenerField field, ExactDecimal scratch) {
        String kept = odd(in, field);
        if (kept != null) {
            return ScreenerText.decimalOf(kept);
        }
        return in.decimal(field, scratch) ? scratch.value() : null;
    }

    /** The field as a whole non-negative number, or -1 ({@link ScreenerText#wholeOf}). Allocates nothing if plain. */
    long whole(TextFields<ScreenerField> in, ScreenerField field, ExactDecimal scratch) {
        String kept = odd(in, field);
        if (kept != null) {
            return ScreenerText.wholeOf(kept);
        }
        return in.decimal(field, scratch) ? ScreenerText.whole(scratch) : -1;
    }

    /** The {@code timestamp}, or null when absent or not a time. Allocates only the instant. */
    Instant timestamp() {
        if (timestampUnkept) {
            return null;
        }
        if (longTimestamp != null) {
            return WallClockTime.parse(longTimestamp, ZoneOffset.UTC);
        }
        return timestampLength < 0 ? null : WallClockTime.parse(timestamp, 0, timestampLength, ZoneOffset.UTC);
    }

    /**
     * Reports a {@code timestamp} that was sent but is no time, as {@code DecodeOutput.badValue} of an optional
     * field (the event keeps its receive time). Call when {@link #timestamp()} gave null.
     */
    void reportBadTimestamp(DecodeOutput out) {
        if (longTimestamp != null) {
            out.badValue("timestamp", longTimestamp, false);
        } else if (timestampLength >= 0) {
            out.badValue("timestamp", new String(timestamp, 0, timestampLength), false);
        }
    }

    /** Whether the field was sent but holds no exact decimal: a bad value (JSON null, a structure included). */
    boolean bad(TextFields<ScreenerField> in, ScreenerField field, ExactDecimal scratch) {
        String kept = odd(in, field);
        if (kept != null) {
            return ScreenerText.decimalOf(kept) == null;
        }
        return in.read(field, scratch) == TextFields.BAD;
    }

    /** Whether the field was sent at all (JSON null, structures and values kept as strings included). */
    boolean sent(TextFields<ScreenerField> in, ScreenerField field) {
        return odd(in, field) != null || in.sent(field);
    }

    /** The field's value as sent, for a bad-value report (a reused view; see {@link TextFields#sample}). */
    CharSequence sample(TextFields<ScreenerField> in, ScreenerField field) {
        String kept = odd(in, field);
        return kept != null ? kept : in.sample(field);
    }

    /** A {@code details} scalar as sent, or null. */
    String detail(String name) {
        return details == null ? null : details.get(name);
    }

    /** Every {@code details} scalar by name (empty when none came). */
    Map<String, String> detailsSent() {
        return details == null ? Map.of() : details;
    }

    private String odd(TextFields<ScreenerField> owner, ScreenerField field) {
        return odd == null || odd.isEmpty() ? null : odd.get(new Odd(owner, field));
    }
}

package io.marketfeed.provider.screener;

import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import io.marketfeed.toolkit.WallClockTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wire model: one Screener server message as read from the wire, every field optional (the shipped server
 * strips payload fields in delivery, protocols.md §2.6, and the docs use other names). Scalars are kept as their
 * wire text ({@link TextFields} over {@link ScreenerField}) so that numbers stay exact ({@code 73000.5} is the
 * decimal 73000.5, never a double) and nothing is interpreted before it is asked for; what is not a value but a text
 * of any length ({@code message}, {@code access_token}) is kept whole as a {@code String}.
 *
 * <p>Reused: the reader keeps one per connection and clears it for each frame, and a batch's messages are kept
 * in a list of messages that is reused too, so reading a quote, a book or a batch of them allocates nothing.
 * What only rare frames carry ({@code targets}, {@code restored_subscriptions}, {@code details}, texts) is
 * allocated when it comes. Filled by {@link ScreenerFrameReader}; valid until it reads the next frame; not thread
 * safe.
 */
final class ScreenerMessage {

    /** Top-level scalars (only the names the decoder reads are kept). */
    final TextFields<ScreenerField> top = new TextFields<>(ScreenerField.class);
    /** Scalars of {@code data} (the alert's {@code data{}}, and the frontend's nested shape). */
    final TextFields<ScreenerField> data = new TextFields<>(ScreenerField.class);
    /** Book sides: {@link ScreenerField#PRICE}, {@link ScreenerField#QUANTITY}, {@link ScreenerField#ORDERS}. */
    final TextFieldsList<ScreenerField> bids = new TextFieldsList<>(ScreenerField.class);
    final TextFieldsList<ScreenerField> asks = new TextFieldsList<>(ScreenerField.class);
    /** {@code targets}, or null. */
    List<String> targets;
    /** {@code restored_subscriptions}: subscription type → targets, in wire order; or null. */
    Map<String, List<String>> restored;
    /** Scalars of {@code details} ({@code rate_limit}, {@code max*}) by name, or null. */
    Map<String, String> details;
    /** {@code message} (an error's, an alert's, a notification's text) without surrounding blanks, or null. */
    String text;
    /** {@code access_token} (a refreshed JWT) without surrounding blanks, or null. */
    String accessToken;

    /** {@code timestamp}'s characters, copied to be read by {@link WallClockTime}. */
    private char[] time = new char[32];
    /** {@code batch.messages}: reused messages, the first {@link #messageCount} this frame's (-1: none sent). */
    private final List<ScreenerMessage> messages = new ArrayList<>();
    private int messageCount = -1;

    /** Forgets the last frame's values. */
    void clear() {
        top.clear();
        data.clear();
        bids.clear();
        asks.clear();
        targets = null;
        restored = null;
        details = null;
        text = null;
        accessToken = null;
        messageCount = -1;
    }

    /** Starts {@code messages} afresh; {@code present} when it is an array the reader will fill. */
    void startMessages(boolean present) {
        messageCount = present ? 0 : -1;
    }

    /** A cleared message appended to {@code messages}. */
    ScreenerMessage addMessage() {
        if (messageCount == messages.size()) {
            messages.add(new ScreenerMessage());
        }
        ScreenerMessage message = messages.get(messageCount++);
        message.clear();
        return message;
    }

    /** {@code batch.messages} in order, or null when the message carried no array of them. */
    List<ScreenerMessage> messages() {
        return messageCount < 0 ? null : messages.subList(0, messageCount);
    }

    /**
     * The {@code timestamp}, or null when absent or no time: the server's {@code datetime.utcnow().isoformat()} is
     * naive ({@code 2025-11-10T12:00:00.123456}) and read in UTC, the docs' times end in {@code Z}. Allocates only
     * the instant.
     */
    Instant timestamp() {
        if (!top.has(ScreenerField.TIMESTAMP)) {
            return null;
        }
        CharSequence sent = top.sample(ScreenerField.TIMESTAMP);
        int length = sent.length();
        if (length > time.length) {
            time = new char[length];
        }
        for (int i = 0; i < length; i++) {
            time[i] = sent.charAt(i);
        }
        return WallClockTime.parse(time, 0, length, ZoneOffset.UTC);
    }
}

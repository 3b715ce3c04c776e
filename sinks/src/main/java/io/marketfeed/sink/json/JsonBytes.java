package io.marketfeed.sink.json;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A growing byte buffer of JSON text with writers that allocate nothing for the values a quote carries: plain
 * decimals from unscaled digits and a scale, instants as {@link Instant#toString()} writes them (the date and
 * time of the last two seconds seen are kept), and strings escaped as Jackson escapes them. It is also an
 * {@link OutputStream}, so a Jackson generator can write the other events into the same buffer.
 *
 * <p>Not thread safe: one per {@link JsonlEncoder}.
 */
final class JsonBytes extends OutputStream {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private byte[] buffer = new byte[64 * 1024];
    private int length;
    /**
     * Two epoch seconds with their {@code yyyy-MM-ddTHH:mm:ss}, most recent first: a quote carries two instants
     * (the provider's and the receive time) that are often in different seconds, and each changes once a
     * second.
     */
    private final long[] cachedSeconds = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final byte[][] secondTexts = {new byte[19], new byte[19]};

    int size() {
        return length;
    }

    /** Writes what is buffered to {@code out} and empties the buffer. */
    void writeTo(OutputStream out) throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    String text() {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    void reset() {
        length = 0;
    }

    /** The first {@code count} bytes, which must be ASCII, as a string. */
    String ascii(int count) {
        return new String(buffer, 0, count, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** Writes {@code unscaled × 10^-scale} in plain notation: {@code 32.50}, {@code -0.001}, {@code 120}. */
    void plain(long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE) {
            put(JsonlEncoder.ascii(BigDecimal.valueOf(unscaled, scale).toPlainString()));
            return;
        }
        ensure(scale + 24);
        if (unscaled < 0) {
            buffer[length++] = '-';
            unscaled = -unscaled;
        }
        int digits = digits(unscaled);
        if (scale == 0) {
            writeDigits(unscaled, digits);
            return;
        }
        if (digits <= scale) {
            buffer[length++] = '0';
            buffer[length++] = '.';
            for (int i = digits; i < scale; i++) {
                buffer[length++] = '0';
            }
            writeDigits(unscaled, digits);
            return;
        }
        // Digits, with the point inserted scale places from the right.
        int end = length + digits + 1;
        int position = end - 1;
        for (int i = 0; i < scale; i++) {
            buffer[position--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        buffer[position--] = '.';
        while (position >= length) {
            buffer[position--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        length = end;
    }

    private void writeDigits(long value, int digits) {
        int position = length + digits - 1;
        do {
            buffer[position--] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        length += digits;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }

    /** An instant as {@link Instant#toString()} writes it, between quotes. */
    void instant(Instant instant) {
        long second = instant.getEpochSecond();
        int nano = instant.getNano();
        if (second < -62_167_219_200L || second >= 253_402_300_800L) {
            // Outside years 0000 to 9999, where the format changes: the JDK writes it.
            put(JsonlEncoder.ascii(instant.toString() + "\""));
            return;
        }
        byte[] secondText = secondText(second);
        ensure(32);
        System.arraycopy(secondText, 0, buffer, length, secondText.length);
        length += secondText.length;
        if (nano != 0) {
            buffer[length++] = '.';
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1000 == 0) {
                digits = 6;
                value = nano / 1000;
            } else {
                digits = 9;
                value = nano;
            }
            for (int i = length + digits - 1; i >= length; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }
        buffer[length++] = 'Z';
        buffer[length++] = '"';
    }

    private byte[] secondText(long second) {
        if (cachedSeconds[0] == second) {
            return secondTexts[0];
        }
        if (cachedSeconds[1] != second) {
            formatSecond(second, secondTexts[1]);
            cachedSeconds[1] = second;
        }
        // Most recent first.
        byte[] text = secondTexts[1];
        secondTexts[1] = secondTexts[0];
        secondTexts[0] = text;
        cachedSeconds[1] = cachedSeconds[0];
        cachedSeconds[0] = second;
        return text;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of an epoch second, by the civil-from-days algorithm (H. Hinnant). */
    private static void formatSecond(long second, byte[] text) {
        long days = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        text[0] = (byte) ('0' + year / 1000);
        text[1] = (byte) ('0' + year / 100 % 10);
        text[2] = (byte) ('0' + year / 10 % 10);
        text[3] = (byte) ('0' + year % 10);
        text[4] = '-';
        twoDigits(text, 5, month);
        text[7] = '-';
        twoDigits(text, 8, day);
        text[10] = 'T';
        twoDigits(text, 11, secondOfDay / 3600);
        text[13] = ':';
        twoDigits(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        twoDigits(text, 17, secondOfDay % 60);
    }

    private static void twoDigits(byte[] text, int at, int value) {
        text[at] = (byte) ('0' + value / 10);
        text[at + 1] = (byte) ('0' + value % 10);
    }

    /** A JSON string's content (without quotes), escaped as Jackson escapes it. */
    void string(String text) {
        int count = text.length();
        ensure(count);
        int start = length;
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                length = start;
                slowString(text);
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    private void slowString(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': escaped.append("\\\""); break;
                case '\\': escaped.append("\\\\"); break;
                case '\n': escaped.append("\\n"); break;
                case '\r': escaped.append("\\r"); break;
                case '\t': escaped.append("\\t"); break;
                case '\b': escaped.append("\\b"); break;
                case '\f': escaped.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        escaped.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        escaped.append(c);
                    }
            }
        }
        put(escaped.toString().getBytes(StandardCharsets.UTF_8));
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}

package io.marketfeed.bench.server;

import io.marketfeed.bench.Serials;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A block of pre-encoded, unmasked WebSocket text frames, each a SAHMK {@code quote} exactly as the simulator's
 * {@code SahmkMessages.quote} writes it (same fields, same order, prices with two decimals), for the symbols
 * round-robin. Two fixed-width places in every frame are patched in place before it is written:
 * <ul>
 * <li>{@code data.volume}: {@code 1000000000000 + serial} (13 digits; a JSON number never has a leading zero);</li>
 * <li>the top-level {@code timestamp}: {@code 2026-12-04T10:28:01.123456+00:00} (32 characters), the wall-clock
 * send time in paced mode; left at the block's build time in blast mode.</li>
 * </ul>
 * Not thread safe: each connection has its own copy ({@link #copy()}).
 */
public final class QuoteBlock {

    /** Frames in a block; a run of more frames repeats the block with new serials. */
    public static final int DEFAULT_FRAMES = 4096;

    private static final int SERIAL_DIGITS = 13;
    private static final int TIMESTAMP_CHARS = 32;
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS_Z =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final byte[] bytes;
    /** Start of frame i (its header); starts[frames] is the end of the block. */
    private final int[] starts;
    private final int[] serialAt;
    private final int[] timestampAt;
    private final List<String> symbols;
    private final int payloadBytes;
    /** The second whose text is cached in {@link #secondText}. */
    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] secondText = new byte[19];

    private QuoteBlock(byte[] bytes, int[] starts, int[] serialAt, int[] timestampAt, List<String> symbols,
            int payloadBytes) {
        this.bytes = bytes;
        this.starts = starts;
        this.serialAt = serialAt;
        this.timestampAt = timestampAt;
        this.symbols = symbols;
        this.payloadBytes = payloadBytes;
    }

    /**
     * Builds {@code frames} quote frames over {@code universe} (symbol → previous close), round-robin, with a seeded
     * random walk of prices.
     */
    public static QuoteBlock build(Map<String, BigDecimal> universe, int frames, long seed) {
        List<String> symbols = List.copyOf(universe.keySet());
        int n = symbols.size();
        Random random = new Random(seed);
        BigDecimal[] previousClose = new BigDecimal[n];
        BigDecimal[] price = new BigDecimal[n];
        BigDecimal[] open = new BigDecimal[n];
        BigDecimal[] high = new BigDecimal[n];
        BigDecimal[] low = new BigDecimal[n];
        for (int s = 0; s < n; s++) {
            previousClose[s] = universe.get(symbols.get(s)).setScale(2, RoundingMode.HALF_UP);
            price[s] = previousClose[s];
            open[s] = previousClose[s];
            high[s] = previousClose[s];
            low[s] = previousClose[s];
        }
        Instant built = Instant.now();
        String timestamp = timestamp(built);
        List<byte[]> payloads = new ArrayList<>(frames);
        int[] serialOffsets = new int[frames];
        int[] timestampOffsets = new int[frames];
        for (int i = 0; i < frames; i++) {
            int s = i % n;
            BigDecimal tick = tick(price[s]);
            BigDecimal next = price[s].add(tick.multiply(BigDecimal.valueOf(random.nextInt(5) - 2)));
            if (next.signum() > 0) {
                price[s] = next;
            }
            high[s] = high[s].max(price[s]);
            low[s] = low[s].min(price[s]);
            BigDecimal change = price[s].subtract(previousClose[s]);
            BigDecimal changePercent = change.multiply(BigDecimal.valueOf(100))
                    .divide(previousClose[s], 2, RoundingMode.HALF_UP);
            StringBuilder json = new StringBuilder(256);
            json.append("{\"type\":\"quote\",\"symbol\":\"").append(symbols.get(s)).append("\",\"data\":{")
                    .append("\"price\":").append(price[s].toPlainString())
                    .append(",\"change\":").append(change.toPlainString())
                    .append(",\"change_percent\":").append(changePercent.toPlainString())
                    .append(",\"volume\":");
            serialOffsets[i] = json.length();
            json.append(Serials.BASE);
            json.append(",\"bid\":").append(price[s].subtract(tick).toPlainString())
                    .append(",\"ask\":").append(price[s].toPlainString())
                    .append(",\"open\":").append(open[s].toPlainString())
                    .append(",\"high\":").append(high[s].toPlainString())
                    .append(",\"low\":").append(low[s].toPlainString())
                    .append(",\"previous_close\":").append(previousClose[s].toPlainString())
                    .append(",\"updated_at\":\"").append(MILLIS_Z.format(built.plusMillis(i))).append('"')
                    .append("},\"timestamp\":\"");
            timestampOffsets[i] = json.length();
            json.append(timestamp).append("\"}");
            payloads.add(json.toString().getBytes(StandardCharsets.US_ASCII));
        }
        int total = 0;
        int payloadTotal = 0;
        for (byte[] payload : payloads) {
            total += WebSocketFrames.headerLength(payload.length) + payload.length;
            payloadTotal += payload.length;
        }
        byte[] bytes = new byte[total];
        int[] starts = new int[frames + 1];
        int[] serialAt = new int[frames];
        int[] timestampAt = new int[frames];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            byte[] payload = payloads.get(i);
            starts[i] = at;
            at = WebSocketFrames.writeHeader(bytes, at, WebSocketFrames.TEXT, payload.length);
            serialAt[i] = at + serialOffsets[i];
            timestampAt[i] = at + timestampOffsets[i];
            System.arraycopy(payload, 0, bytes, at, payload.length);
            at += payload.length;
        }
        starts[frames] = at;
        return new QuoteBlock(bytes, starts, serialAt, timestampAt, symbols, payloadTotal);
    }

    /** A copy with its own bytes, for one connection. */
    public QuoteBlock copy() {
        return new QuoteBlock(bytes.clone(), starts, serialAt, timestampAt, symbols, payloadBytes);
    }

    /** Tadawul-like price steps, so that prices look like the simulator's. */
    private static BigDecimal tick(BigDecimal price) {
        if (price.compareTo(BigDecimal.TEN) < 0) {
            return new BigDecimal("0.01");
        }
        if (price.compareTo(BigDecimal.valueOf(25)) < 0) {
            return new BigDecimal("0.02");
        }
        if (price.compareTo(BigDecimal.valueOf(50)) < 0) {
            return new BigDecimal("0.05");
        }
        if (price.compareTo(BigDecimal.valueOf(100)) < 0) {
            return new BigDecimal("0.10");
        }
        return new BigDecimal("0.20");
    }

    /** {@code 2026-12-04T10:28:01.123456+00:00}, always 32 characters. */
    static String timestamp(Instant instant) {
        long micros = instant.getNano() / 1_000;
        return SECONDS.format(instant) + "." + String.format("%06d", micros) + "+00:00";
    }

    /** {@code 2026-12-04T10:28:01.123Z}: the simulator's format for {@code connected} and {@code updated_at}. */
    static String millisZ(Instant instant) {
        return MILLIS_Z.format(instant);
    }

    public int frames() {
        return starts.length - 1;
    }

    public List<String> symbols() {
        return symbols;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** Offset of frame {@code i}'s header; {@code start(frames())} is the end of the block. */
    public int start(int i) {
        return starts[i];
    }

    /** Average payload (JSON) bytes of a frame. */
    public double averagePayload() {
        return (double) payloadBytes / frames();
    }

    /** Average bytes on the wire of a frame (payload plus the unmasked header). */
    public double averageWire() {
        return (double) starts[frames()] / frames();
    }

    /** Writes {@code BASE + serial} into frame {@code i}'s {@code data.volume}. */
    public void patchSerial(int i, long serial) {
        long value = Serials.BASE + serial;
        int end = serialAt[i] + SERIAL_DIGITS;
        for (int p = end - 1; p >= serialAt[i]; p--) {
            bytes[p] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        }
        if (value != 0) {
            throw new IllegalArgumentException("serial " + serial + " does not fit " + SERIAL_DIGITS + " digits");
        }
    }

    /** Writes {@code epochMicros} (UTC) into frame {@code i}'s top-level {@code timestamp}. */
    public void patchTimestamp(int i, long epochMicros) {
        long second = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        if (second != cachedSecond) {
            String text = SECONDS.format(Instant.ofEpochSecond(second));
            byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
            if (ascii.length != secondText.length) {
                throw new IllegalStateException("unexpected timestamp width: " + text);
            }
            System.arraycopy(ascii, 0, secondText, 0, ascii.length);
            cachedSecond = second;
        }
        int at = timestampAt[i];
        System.arraycopy(secondText, 0, bytes, at, secondText.length);
        at += secondText.length + 1; // the '.'
        for (int p = at + 5; p >= at; p--) {
            bytes[p] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        // "+00:00" and the closing quote stay as built.
        assert TIMESTAMP_CHARS == secondText.length + 1 + 6 + 6;
    }
}

package io.marketfeed.runtime.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Replay} did: messages decoded, the events they gave by type, the control signals counted, and every
 * kind of problem met.
 *
 * @param files recording files read
 * @param frames messages decoded
 * @param sessions sessions opened (one per recorded connection attempt)
 * @param events events delivered, by {@linkplain io.marketfeed.api.model.MarketEvent#type() type}: quote, trade, …
 * @param signals the decoders' control signals, counted by name: acknowledged, heartbeat, ready, limits, and the
 *     server's errors by what they would make the runtime do: retry, fatal, pause, resume (a warning is a problem)
 * @param problems by kind ({@link #DECODER_WARNINGS}, {@link #NOT_RECORDED}, …); kinds with none are left out
 * @param speed the speed it ran at
 * @param elapsed how long it took
 * @param stopped whether it was stopped before the end of the recording
 */
public record ReplaySummary(int files, long frames, int sessions, Map<String, Long> events, Map<String, Long> signals,
        Map<String, Long> problems, ReplaySpeed speed, Duration elapsed, boolean stopped) {

    /** Warnings the decoders reported about what they were given. */
    public static final String DECODER_WARNINGS = "decoder warnings";
    /** Values the decoders could not read exactly ({@code DecodeOutput.badValue}). */
    public static final String BAD_VALUES = "bad values";
    /** Calls into a session that threw. */
    public static final String DECODER_FAILURES = "decoder failures";
    /** Events or flushes a listener threw on. */
    public static final String LISTENER_FAILURES = "listener failures";
    /** Messages and requests the recorder did not keep (it was behind, or had stopped). */
    public static final String NOT_RECORDED = "not recorded";
    /** Records cut short at the end of a file. */
    public static final String TORN_RECORDS = "torn records";
    /** Files, or their ends, that could not be read. */
    public static final String FILE_PROBLEMS = "unreadable files";
    /** Messages and calls of sessions that could not be replayed (provider not configured, start not recorded). */
    public static final String SKIPPED = "skipped records";

    private static final List<String> EVENT_ORDER =
            List.of("quote", "trade", "candle", "book", "market", "alert", "status", "connection", "gap");

    public ReplaySummary {
        events = ordered(events);
        signals = Map.copyOf(signals);
        problems = Map.copyOf(problems);
    }

    /** Events of every type. */
    public long totalEvents() {
        return events.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The one line printed on stderr at the end of {@code replay}. */
    public String line() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Replayed %,d message%s of %,d session%s "
                + "from %d file%s in %.1f s (speed %s)%s: ", frames, plural(frames), sessions, plural(sessions), files,
                plural(files), elapsed.toMillis() / 1000.0, speed, stopped ? ", stopped early" : ""));
        line.append(events.isEmpty() ? "no events" : counts(events, true));
        line.append("; control: ").append(signals.isEmpty() ? "none" : counts(new TreeMap<>(signals), false));
        line.append("; problems: ").append(problems.isEmpty() ? "none" : counts(new TreeMap<>(problems), false));
        return line.toString();
    }

    private static String counts(Map<String, Long> counts, boolean pluralNames) {
        List<String> parts = new ArrayList<>();
        counts.forEach((name, count) -> parts.add(String.format(Locale.ROOT, "%,d %s%s", count, name,
                pluralNames ? plural(count) : "")));
        return String.join(", ", parts);
    }

    private static Map<String, Long> ordered(Map<String, Long> events) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String type : EVENT_ORDER) {
            Long count = events.get(type);
            if (count != null) {
                ordered.put(type, count);
            }
        }
        new TreeMap<>(events).forEach(ordered::putIfAbsent);
        return Collections.unmodifiableMap(ordered);
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }
}

package io.marketfeed.runtime.record;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.runtime.FeedListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where replayed sessions report what their messages meant: events go to every listener, in order, on the replaying
 * thread; every control signal (ready, acknowledgements, heartbeats, limits, the server's errors) is counted and
 * nothing else: a replay has no connection to act on. A decoder's warning is also told once per distinct text.
 *
 * <p>Threading: the replaying thread only.
 */
final class ReplayOutput implements DecodeOutput {

    /** Distinct texts told; after that they are only counted. */
    private static final int TOLD_LIMIT = 50;

    private final List<FeedListener> listeners;
    private final Consumer<String> notices;
    private final Map<String, Long> events = new HashMap<>();
    private final Map<String, Long> signals = new TreeMap<>();
    private final Map<String, Long> problems = new HashMap<>();
    private final Set<String> told = new HashSet<>();

    ReplayOutput(List<FeedListener> listeners, Consumer<String> notices) {
        this.listeners = List.copyOf(listeners);
        this.notices = notices;
    }

    @Override
    public void emit(MarketEvent event) {
        events.merge(event.type(), 1L, Long::sum);
        for (int i = 0, n = listeners.size(); i < n; i++) {
            try {
                listeners.get(i).onEvent(event);
            } catch (RuntimeException e) {
                trouble(ReplaySummary.LISTENER_FAILURES, "a listener failed on an event: " + e);
            }
        }
    }

    /** Every listener has been given every event so far: the moment to flush. */
    void caughtUp() {
        for (FeedListener listener : listeners) {
            try {
                listener.onCaughtUp();
            } catch (RuntimeException e) {
                trouble(ReplaySummary.LISTENER_FAILURES, "a listener failed when caught up: " + e);
            }
        }
    }

    /** Counts a problem under {@code key} (see {@link ReplaySummary}) and tells {@code text}, once per text. */
    void trouble(String key, String text) {
        problems.merge(key, 1L, Long::sum);
        tell(text);
    }

    void count(String key, long count) {
        problems.merge(key, count, Long::sum);
    }

    void tell(String text) {
        if (told.size() < TOLD_LIMIT && told.add(text)) {
            notices.accept(text);
        }
    }

    private void signal(String name) {
        signals.merge(name, 1L, Long::sum);
    }

    @Override
    public void ready() {
        signal("ready");
    }

    @Override
    public void limits(LimitsUpdate update) {
        signal("limits");
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
        signal("acknowledged");
    }

    @Override
    public void restored(String topic, List<String> symbols) {
        signal("restored");
    }

    @Override
    public void notApplied(String topic, List<String> symbols, String reason) {
        signal("not applied");
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
        signal("unsubscribed");
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        signal("rejected");
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        signal("substituted");
    }

    @Override
    public void heartbeat() {
        signal("heartbeat");
    }

    /** A warning is a problem with what was received; other dispositions are the server's say, counted by kind. */
    @Override
    public void problem(Disposition disposition) {
        if (disposition.kind() == Disposition.Kind.WARN) {
            trouble(ReplaySummary.DECODER_WARNINGS, "decoder warning: " + disposition.message());
        } else {
            signal(disposition.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    /** A value that could not be read exactly: counted, and told once per field. */
    @Override
    public void badValue(String field, CharSequence sample, boolean eventDropped) {
        count(ReplaySummary.BAD_VALUES, 1);
        tell("bad value in " + field + (eventDropped ? " (event dropped)" : " (left out of the event)"));
    }

    @Override
    public void credits(CreditUpdate update) {
        signal("credits");
    }

    @Override
    public void lost(Instant from, String reason) {
        signal("lost");
    }

    Map<String, Long> events() {
        return events;
    }

    Map<String, Long> signals() {
        return signals;
    }

    Map<String, Long> problems() {
        return problems;
    }
}

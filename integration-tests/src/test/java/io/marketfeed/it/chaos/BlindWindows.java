package io.marketfeed.it.chaos;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blind windows the connection events show, and whether gap events cover them. A window opens when a
 * connection that was up ({@code CONNECTED} or {@code PAUSED}) reports {@code DISCONNECTED}, stays open through
 * the {@code RECONNECTING}/{@code CONNECTING} attempts that follow, and closes at its next {@code CONNECTED}. It is
 * covered by a {@link GapEvent} of the same connection with {@code from <= window start} and
 * {@code to >= window end}. Events are consumed incrementally, so a soak keeps only open and uncovered windows and
 * the gaps that could still cover them.
 *
 * <p>Owned by the chaos thread.
 */
final class BlindWindows {

    /** A closed window waiting for its gap. */
    record Window(String connection, Instant from, Instant to) {
    }

    private final Set<String> up = new HashSet<>();
    private final Map<String, Instant> open = new HashMap<>();
    private final List<Window> uncovered = new ArrayList<>();
    private final List<GapEvent> gaps = new ArrayList<>();
    private long windows;
    private long covered;
    private long gapEvents;

    /** Takes new events (in delivery order) and matches windows with gaps. */
    void update(List<ConnectionEvent> events, List<GapEvent> newGaps) {
        for (ConnectionEvent event : events) {
            String connection = event.provider() + "/" + event.connection();
            switch (event.state()) {
                case CONNECTED, PAUSED -> {
                    Instant since = open.remove(connection);
                    if (since != null) {
                        uncovered.add(new Window(connection, since, event.receivedAt()));
                        windows++;
                    }
                    up.add(connection);
                }
                case DISCONNECTED -> {
                    if (up.remove(connection)) {
                        open.putIfAbsent(connection, event.receivedAt());
                    }
                }
                case CLOSED, FAILED -> {
                    up.remove(connection);
                    open.remove(connection);
                }
                default -> {
                }
            }
        }
        gapEvents += newGaps.size();
        gaps.addAll(newGaps);
        for (Iterator<Window> it = uncovered.iterator(); it.hasNext();) {
            Window window = it.next();
            if (gaps.stream().anyMatch(gap -> covers(gap, window))) {
                it.remove();
                covered++;
            }
        }
        prune();
    }

    private static boolean covers(GapEvent gap, Window window) {
        return (gap.provider() + "/" + gap.connection()).equals(window.connection())
                && !gap.from().isAfter(window.from()) && !gap.to().isBefore(window.to());
    }

    /** Gaps ending before every window still open or uncovered can cover nothing any more. */
    private void prune() {
        Instant earliest = null;
        for (Window window : uncovered) {
            earliest = earliest == null || window.from().isBefore(earliest) ? window.from() : earliest;
        }
        for (Instant since : open.values()) {
            earliest = earliest == null || since.isBefore(earliest) ? since : earliest;
        }
        Instant limit = earliest;
        gaps.removeIf(gap -> limit == null || gap.to().isBefore(limit));
    }

    List<Window> uncovered() {
        return List.copyOf(uncovered);
    }

    /** Connections with a window still open (not reconnected). */
    Set<String> open() {
        return Set.copyOf(open.keySet());
    }

    long windows() {
        return windows;
    }

    long covered() {
        return covered;
    }

    long gapEvents() {
        return gapEvents;
    }
}

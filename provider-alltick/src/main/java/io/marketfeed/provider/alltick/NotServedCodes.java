package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds codes AllTick accepted but never serves. Over its plan's limit AllTick processes only the first codes of
 * a list and ignores the rest without a word (§4.5), so its acknowledgement proves nothing about them.
 *
 * <p>After each acknowledged list, once {@code after} has passed, the codes that delivered nothing are compared
 * with those that did. The ignored codes are a tail of the list that starts exactly at a plan's limit (5, 100,
 * 200 or 3000): if every code from such a position on stayed silent while an earlier code delivered, that tail
 * is reported, once per code for the lifetime of the provider instance. A silent tail that does not start at a
 * plan limit (a few illiquid codes, a closed market) is not reported. Nothing is resubscribed: the codes stay
 * wanted, so a report cannot turn into a subscribe loop.
 *
 * <p>Not thread safe: owned by one {@link AlltickSession}; {@code reported} is shared and concurrent.
 */
final class NotServedCodes {

    private final String connectionId;
    private final AlltickChannel channel;
    private final Duration after;
    private final Set<String> reported;
    private final Map<String, Watch> watches = new HashMap<>();
    /** How many watches are not checked yet: while none is, a frame costs nothing here. */
    private int unchecked;

    /** One acknowledged list and what it delivered since. */
    private static final class Watch {
        final List<String> codes;
        /** When the list is checked: its acknowledgement plus {@code after}. */
        final Instant due;
        final Set<String> delivered = new HashSet<>();
        boolean checked;

        Watch(List<String> codes, Instant due) {
            this.codes = List.copyOf(codes);
            this.due = due;
        }
    }

    /** @param reported keys of codes reported so far by any session of the provider instance */
    NotServedCodes(String connectionId, AlltickChannel channel, Duration after, Set<String> reported) {
        this.connectionId = connectionId;
        this.channel = channel;
        this.after = after;
        this.reported = reported;
    }

    /** The server accepted {@code codes} as the topic's list at {@code at}. */
    void acknowledged(String topic, List<String> codes, Instant at) {
        forget(watches.put(topic, new Watch(codes, at.plus(after))));
        unchecked++;
    }

    void cancelled(String topic) {
        forget(watches.remove(topic));
    }

    private void forget(Watch watch) {
        if (watch != null && !watch.checked) {
            unchecked--;
        }
    }

    void delivered(String topic, String code) {
        Watch watch = watches.get(topic);
        if (watch != null && !watch.checked) {
            watch.delivered.add(code);
        }
    }

    /** Checks the lists whose time has come; called with every frame's receive time. */
    void check(Instant now, DecodeOutput out) {
        if (unchecked == 0) {
            return;
        }
        for (Map.Entry<String, Watch> entry : watches.entrySet()) {
            Watch watch = entry.getValue();
            if (watch.checked || now.isBefore(watch.due)) {
                continue;
            }
            watch.checked = true;
            unchecked--;
            int limit = ignoredFrom(watch.codes, watch.delivered);
            if (limit < 0) {
                continue;
            }
            List<String> fresh = new ArrayList<>();
            for (String code : watch.codes.subList(limit, watch.codes.size())) {
                if (reported.add(channel.endpointId() + "/" + entry.getKey() + "/" + code)) {
                    fresh.add(code);
                }
            }
            if (!fresh.isEmpty()) {
                out.problem(Disposition.warn(message(entry.getKey(), watch.codes.size(), limit, fresh)));
            }
        }
    }

    /**
     * Where the silently ignored tail of {@code codes} starts: the smallest plan limit at or after the last code
     * that delivered and before the end of the list; -1 when no code delivered or no such limit exists.
     */
    static int ignoredFrom(List<String> codes, Set<String> delivered) {
        int lastDelivered = -1;
        for (int i = 0; i < codes.size(); i++) {
            if (delivered.contains(codes.get(i))) {
                lastDelivered = i;
            }
        }
        if (lastDelivered < 0) {
            return -1;
        }
        for (int limit : AlltickPlan.codeLimits()) {
            if (limit > lastDelivered && limit < codes.size()) {
                return limit;
            }
        }
        return -1;
    }

    private String message(String topic, int listSize, int limit, List<String> codes) {
        String what = topic.equals(Topics.BOOK) ? "order books" : "trades";
        return "AllTick delivered no " + what + " on " + connectionId + " for " + codes.size() + " code"
                + (codes.size() == 1 ? "" : "s") + " within " + after.toMillis() + " ms of subscribing, while codes "
                + "before them did: " + list(codes, 20) + ". AllTick silently ignores the codes beyond a "
                + "plan's limit, and these are the codes after the first " + limit + " of the " + listSize
                + " on this connection, so the token's plan probably allows " + limit + " codes per connection: set "
                + "marketfeed.providers.alltick.plan to the token's plan (or limits.max-symbols-per-connection = "
                + limit + "). Reported once; they stay subscribed";
    }

    /** {@code A, B, C}, or the first {@code max} and how many more. */
    private static String list(List<String> codes, int max) {
        return codes.size() <= max ? String.join(", ", codes)
                : String.join(", ", codes.subList(0, max)) + " and " + (codes.size() - max) + " more";
    }
}

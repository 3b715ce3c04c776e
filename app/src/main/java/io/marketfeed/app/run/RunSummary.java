package io.marketfeed.app.run;

import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short block printed on stderr when {@code run} ends: per provider, the events by type and their rate,
 * reconnects, gaps, decode problems and time connected, and on a line of their own the values that could not be
 * read exactly (by field: events dropped, events kept without the field); per output, what was delivered, dropped
 * or merged.
 */
final class RunSummary {

    private RunSummary() {
    }

    static List<String> lines(FeedSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        Duration uptime = snapshot.uptime();
        double seconds = Math.max(uptime.toNanos() / 1e9, 1e-9);
        lines.add(String.format(Locale.ROOT, "Summary after %s:", seconds(uptime)));
        for (ProviderSnapshot provider : snapshot.providers()) {
            ProviderSnapshot.Activity activity = provider.activity();
            StringBuilder line = new StringBuilder("  ").append(provider.provider()).append(": ");
            if (activity.events().isEmpty()) {
                line.append("no events");
            } else {
                List<String> counts = new ArrayList<>();
                for (Map.Entry<String, Long> entry : activity.events().entrySet()) {
                    counts.add(String.format(Locale.ROOT, "%,d %s%s", entry.getValue(), entry.getKey(),
                            entry.getValue() == 1 ? "" : "s"));
                }
                line.append(String.join(", ", counts)).append(String.format(Locale.ROOT, " (%,.0f/s)",
                        activity.totalEvents() / seconds));
            }
            line.append(String.format(Locale.ROOT, "; %d reconnect%s, %d gap%s, %d decode problem%s, connected %s",
                    activity.reconnects(), plural(activity.reconnects()), activity.gaps(), plural(activity.gaps()),
                    activity.problems() + provider.decodeErrors(),
                    plural(activity.problems() + provider.decodeErrors()), seconds(activity.connected())));
            if (provider.failed()) {
                line.append("; FAILED: ").append(provider.failure());
            }
            lines.add(line.toString());
            if (!provider.badValues().isEmpty()) {
                lines.add(badValues(provider));
            }
        }
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s (%s): %,d events delivered",
                    listener.name(), listener.policy().label(), listener.delivered()));
            if (listener.dropped() > 0 || listener.conflated() > 0 || listener.policy().lossy()) {
                line.append(String.format(Locale.ROOT, ", %,d dropped, %,d merged", listener.dropped(),
                        listener.conflated()));
            }
            if (listener.queued() > 0) {
                line.append(String.format(Locale.ROOT, ", %,d left undelivered", listener.queued()));
            }
            if (listener.failures() > 0) {
                line.append(String.format(Locale.ROOT, ", %,d failures", listener.failures()));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * {@code     sahmk bad values: 15 (price: 3 events dropped; bid: 12 kept without it)}: values that could not
     * be read exactly, by field and by what became of their event.
     */
    private static String badValues(ProviderSnapshot provider) {
        List<String> fields = new ArrayList<>();
        for (ProviderSnapshot.BadValue bad : provider.badValues()) {
            List<String> outcomes = new ArrayList<>();
            if (bad.dropped() > 0) {
                outcomes.add(String.format(Locale.ROOT, "%,d event%s dropped", bad.dropped(), plural(bad.dropped())));
            }
            if (bad.absent() > 0) {
                outcomes.add(String.format(Locale.ROOT, "%,d kept without it", bad.absent()));
            }
            fields.add(bad.field() + ": " + String.join(", ", outcomes));
        }
        return String.format(Locale.ROOT, "    %s bad values: %,d (%s)", provider.provider(), provider.totalBadValues(),
                String.join("; ", fields));
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

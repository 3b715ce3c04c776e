package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one provider at a moment.
 *
 * @param provider provider id
 * @param failed whether it stopped on a fatal classification
 * @param failure what to fix, when failed; nullable
 * @param wanted subscriptions wanted
 * @param rejected subscriptions the server refused, with the reason
 * @param unassigned subscriptions that do not fit the limits (max connections × max symbols)
 * @param ghostFramesDropped data frames dropped because nobody wanted their symbol
 * @param decodeErrors frames whose decoding threw (a provider bug); the frame is skipped, the connection kept
 * @param credits credit accounting, when the provider is metered
 * @param connections the provider's connections
 * @param activity what happened since the start
 * @param badValues values the decoder could not read exactly, by field (sorted), only fields that had one
 */
public record ProviderSnapshot(String provider, boolean failed, String failure, int wanted,
        Map<String, String> rejected, int unassigned, long ghostFramesDropped, long decodeErrors,
        Optional<CreditSnapshot> credits, List<ConnectionSnapshot> connections, Activity activity,
        List<BadValue> badValues) {

    public ProviderSnapshot {
        badValues = List.copyOf(requireNonNull(badValues, "badValues is null"));
    }

    /** Without bad values. */
    public ProviderSnapshot(String provider, boolean failed, String failure, int wanted,
            Map<String, String> rejected, int unassigned, long ghostFramesDropped, long decodeErrors,
            Optional<CreditSnapshot> credits, List<ConnectionSnapshot> connections, Activity activity) {
        this(provider, failed, failure, wanted, rejected, unassigned, ghostFramesDropped, decodeErrors, credits,
                connections, activity, List.of());
    }

    /** Bad values of every field: events dropped plus events kept without the field. */
    public long totalBadValues() {
        long total = 0;
        for (BadValue value : badValues) {
            total += value.total();
        }
        return total;
    }

    /**
     * Values of one field the provider's decoder could not read exactly (NaN, {@code true} or {@code null} where a
     * number must be, a number beyond sane bounds, a time that is none), by outcome; see
     * {@code DecodeOutput.badValue}.
     *
     * @param field the field as the provider names it
     * @param dropped events dropped because the field was required
     * @param absent events kept without the field (an optional one)
     */
    public record BadValue(String field, long dropped, long absent) {

        public BadValue {
            requireNonNull(field, "field is null");
        }

        public long total() {
            return dropped + absent;
        }
    }

    /**
     * A provider's activity since the start.
     *
     * @param events market-data events handed to the listeners, by type ({@code quote}, {@code trade}, …)
     * @param problems problems the decoder reported about what the server sent (malformed or unknown frames,
     *     missing fields); values that could not be read are counted apart, in {@link ProviderSnapshot#badValues}
     * @param reconnects reconnect attempts scheduled
     * @param gaps gap events published (blind windows)
     * @param connected time the connections were up, summed over connections
     * @param quietReports {@code symbol-quiet} status events published (a symbol silent while its neighbours stream)
     * @param staleDetections connections given up because nothing arrived within the stale timeout (each is also
     *     a reconnect)
     */
    public record Activity(Map<String, Long> events, long problems, long reconnects, long gaps, Duration connected,
            long quietReports, long staleDetections) {

        /** Nothing yet. */
        public static final Activity NONE = new Activity(Map.of(), 0, 0, 0, Duration.ZERO, 0, 0);

        public Activity {
            // In the order given (quote, trade, candle, ...), which summaries show.
            events = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    requireNonNull(events, "events is null")));
            requireNonNull(connected, "connected is null");
        }

        /** Without quiet reports and stale detections. */
        public Activity(Map<String, Long> events, long problems, long reconnects, long gaps, Duration connected) {
            this(events, problems, reconnects, gaps, connected, 0, 0);
        }

        /** Without stale detections. */
        public Activity(Map<String, Long> events, long problems, long reconnects, long gaps, Duration connected,
                long quietReports) {
            this(events, problems, reconnects, gaps, connected, quietReports, 0);
        }

        /** Market-data events of every type. */
        public long totalEvents() {
            long total = 0;
            for (long count : events.values()) {
                total += count;
            }
            return total;
        }
    }
}

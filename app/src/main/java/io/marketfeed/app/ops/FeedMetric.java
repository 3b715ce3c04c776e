package io.marketfeed.app.ops;

import java.util.List;

/**
 * Every number the operations port, JMX and {@link FeedNumbers} give, with its name, kind, unit and tags. The
 * names are Micrometer's dotted names; Prometheus writes them with underscores, a counter with {@code _total}
 * and a unit as a suffix: {@code marketfeed.events} is {@code marketfeed_events_total},
 * {@code marketfeed.uptime} is {@code marketfeed_uptime_seconds}.
 */
public enum FeedMetric {

    UPTIME("marketfeed.uptime", Kind.GAUGE, "seconds", "How long the feed has run"),

    PROVIDER_FAILED("marketfeed.provider.failed", Kind.GAUGE, null,
            "1 when the provider stopped on a fatal error (see /ready and /status for the reason)", "provider"),
    EVENTS("marketfeed.events", Kind.COUNTER, null, "Market-data events handed to the listeners", "provider",
            "type"),
    DECODE_PROBLEMS("marketfeed.decode.problems", Kind.COUNTER, null,
            "Problems the decoder reported about what the server sent (malformed or unknown frames, missing fields)",
            "provider"),
    BAD_VALUES("marketfeed.bad.values", Kind.COUNTER, null,
            "Values that could not be read exactly (NaN, true or null for a number, beyond sane bounds), by field: "
                    + "outcome dropped when the field was required and its event dropped, absent when the event was "
                    + "kept without it", "provider", "field", "outcome"),
    DECODE_ERRORS("marketfeed.decode.errors", Kind.COUNTER, null,
            "Frames whose decoding threw (a provider bug); each was skipped, the connection kept", "provider"),
    UNWANTED_FRAMES("marketfeed.unwanted.frames", Kind.COUNTER, null,
            "Data frames dropped because nobody subscribed to their symbol", "provider"),
    RECONNECTS("marketfeed.reconnects", Kind.COUNTER, null, "Reconnect attempts scheduled", "provider"),
    STALE_DETECTIONS("marketfeed.stale.detections", Kind.COUNTER, null,
            "Connections given up because nothing arrived within the stale timeout (each also a reconnect)",
            "provider"),
    GAPS("marketfeed.gaps", Kind.COUNTER, null, "Gap events: blind windows in which data may have been missed",
            "provider"),
    QUIET_REPORTS("marketfeed.quiet.symbol.reports", Kind.COUNTER, null,
            "Quiet symbols reported (symbol-quiet): silent for the provider's threshold while others on their "
                    + "connection streamed", "provider"),
    QUIET_SYMBOLS("marketfeed.quiet.symbols", Kind.GAUGE, null, "Symbols in a quiet spell now", "provider"),
    CONNECTED("marketfeed.connected", Kind.COUNTER, "seconds", "Time the provider's connections were up, summed",
            "provider"),
    CONNECTIONS("marketfeed.connections", Kind.GAUGE, null, "The provider's connections in each state", "provider",
            "state"),
    SUBSCRIPTIONS("marketfeed.subscriptions", Kind.GAUGE, null,
            "Subscriptions: wanted, assigned to a connection, confirmed by the server, rejected by it, or not "
                    + "fitting the limits (unassigned)", "provider", "state"),
    LAST_FRAME_AGE("marketfeed.connection.last.frame.age", Kind.GAUGE, "seconds",
            "Time since the connection's last frame (only once one arrived)", "provider", "connection"),

    CREDITS_USED("marketfeed.credits.used", Kind.COUNTER, null, "Credits spent since the start (metered providers)",
            "provider"),
    CREDITS_REMAINING("marketfeed.credits.remaining", Kind.GAUGE, null,
            "What is left of the quota, when the server says", "provider"),
    CREDITS_HOURLY_RATE("marketfeed.credits.hourly.rate", Kind.GAUGE, null,
            "Credits spent per hour at the current subscriptions", "provider"),
    CREDITS_UNTIL_EXHAUSTION("marketfeed.credits.until.exhaustion", Kind.GAUGE, "seconds",
            "Forecast: time until the quota runs out at the current rate (only when known)", "provider"),
    CREDITS_UNTIL_RESET("marketfeed.credits.until.reset", Kind.GAUGE, "seconds", "Time until the quota resets",
            "provider"),
    CREDITS_EXHAUST_BEFORE_RESET("marketfeed.credits.exhaust.before.reset", Kind.GAUGE, null,
            "1 when the forecast says the quota runs out before it resets", "provider"),

    LISTENER_QUEUED("marketfeed.listener.queued", Kind.GAUGE, null, "Events waiting in the listener's queue",
            "listener"),
    LISTENER_DELIVERED("marketfeed.listener.delivered", Kind.COUNTER, null, "Events delivered to the listener",
            "listener"),
    LISTENER_DROPPED("marketfeed.listener.dropped", Kind.COUNTER, null,
            "Events the listener's delivery policy dropped", "listener"),
    LISTENER_CONFLATED("marketfeed.listener.conflated", Kind.COUNTER, null,
            "Quotes and books merged into a newer one of their symbol by the delivery policy", "listener"),
    LISTENER_FAILURES("marketfeed.listener.failures", Kind.COUNTER, null, "Exceptions the listener threw",
            "listener"),
    LISTENER_DELIVERY_DELAY("marketfeed.listener.delivery.delay", Kind.GAUGE, "seconds",
            "How long the oldest event of the latest batch handed to the listener had waited since it was received",
            "listener"),
    LISTENER_DELIVERY_DELAY_MAX("marketfeed.listener.delivery.delay.max", Kind.GAUGE, "seconds",
            "The longest such wait since the start", "listener"),

    SINK_RECEIVED("marketfeed.sink.received", Kind.COUNTER, null, "Events handed to the sink", "sink"),
    SINK_WRITTEN("marketfeed.sink.written", Kind.COUNTER, null, "Events the store acknowledged", "sink"),
    SINK_RECOVERED("marketfeed.sink.recovered", Kind.COUNTER, null,
            "Events found in the spool at the start, left by an earlier run", "sink"),
    SINK_PENDING("marketfeed.sink.pending", Kind.GAUGE, null,
            "Events not written yet (in memory or in the spool): the sink's lag", "sink"),
    SINK_SPOOL("marketfeed.sink.spool.events", Kind.GAUGE, null, "Events waiting in the spool on disk now", "sink"),
    SINK_SPOOLED("marketfeed.sink.spooled", Kind.COUNTER, null, "Events that went through the spool", "sink"),
    SINK_DROPPED("marketfeed.sink.dropped", Kind.COUNTER, null,
            "Events deleted from a full spool (spool.when-full = drop-oldest)", "sink"),
    SINK_FAILURES("marketfeed.sink.failures", Kind.COUNTER, null, "Failed opens and writes of the store", "sink"),
    SINK_DOWN("marketfeed.sink.down", Kind.GAUGE, "seconds", "How long the store has been failing; 0 while it works",
            "sink");

    /** Whether a number only grows (a counter) or goes up and down (a gauge). */
    public enum Kind {
        COUNTER,
        GAUGE
    }

    private final String meterName;
    private final Kind kind;
    private final String unit;
    private final String help;
    private final List<String> tagKeys;

    FeedMetric(String meterName, Kind kind, String unit, String help, String... tagKeys) {
        this.meterName = meterName;
        this.kind = kind;
        this.unit = unit;
        this.help = help;
        this.tagKeys = List.of(tagKeys);
    }

    /** The dotted name, such as {@code marketfeed.events}. */
    public String meterName() {
        return meterName;
    }

    public Kind kind() {
        return kind;
    }

    /** The base unit ({@code seconds}); null when the number is a count. */
    public String unit() {
        return unit;
    }

    /** One line for people. */
    public String help() {
        return help;
    }

    /** The tags every sample of this metric has, in this order. */
    public List<String> tagKeys() {
        return tagKeys;
    }
}

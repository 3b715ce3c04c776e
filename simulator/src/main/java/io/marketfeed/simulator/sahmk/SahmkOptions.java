package io.marketfeed.simulator.sahmk;

import static java.util.Objects.requireNonNull;

import io.marketfeed.simulator.TickSizeTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration of a {@link SahmkSimulation}. Immutable; build with {@link #builder()}. */
public final class SahmkOptions {

    private final Map<String, Plan> keys;
    private final Map<String, BigDecimal> universe;
    private final double updatesPerSecond;
    private final long seed;
    private final int badKeyCloseCode;
    private final boolean errorBeforeAuthClose;
    private final boolean rejectOrigin;
    private final Clock clock;
    private final Map<Plan, PlanLimits> planLimits;
    private final TickSizeTable tickSizes;
    private final int maxDepthLevels;
    private final boolean depthSnapshotBeforeAck;
    private final int tradesSnapshotSize;
    private final int maxPendingFrames;

    private SahmkOptions(Builder builder) {
        this.keys = Map.copyOf(builder.keys);
        this.universe = Collections.unmodifiableMap(new LinkedHashMap<>(builder.universe));
        this.updatesPerSecond = builder.updatesPerSecond;
        this.seed = builder.seed;
        this.badKeyCloseCode = builder.badKeyCloseCode;
        this.errorBeforeAuthClose = builder.errorBeforeAuthClose;
        this.rejectOrigin = builder.rejectOrigin;
        this.clock = builder.clock;
        this.planLimits = Collections.unmodifiableMap(new EnumMap<>(builder.planLimits));
        this.tickSizes = builder.tickSizes;
        this.maxDepthLevels = builder.maxDepthLevels;
        this.depthSnapshotBeforeAck = builder.depthSnapshotBeforeAck;
        this.tradesSnapshotSize = builder.tradesSnapshotSize;
        this.maxPendingFrames = builder.maxPendingFrames;
    }

    /** Demo keys, the default Tadawul universe, 2 updates per second per symbol, seed 42, 4401 for bad keys. */
    public static SahmkOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo keys every default configuration accepts, key → plan. */
    public static Map<String, Plan> demoKeys() {
        return Map.of(SahmkSimulation.DEMO_KEY, Plan.PRO, SahmkSimulation.BUSINESS_KEY, Plan.BUSINESS,
                SahmkSimulation.ENTERPRISE_KEY, Plan.ENTERPRISE, SahmkSimulation.INACTIVE_KEY, Plan.INACTIVE);
    }

    /** Accepted {@code api_key} values and their plans. */
    public Map<String, Plan> keys() {
        return keys;
    }

    /** Symbols in order, each with its previous close. */
    public Map<String, BigDecimal> universe() {
        return universe;
    }

    /** Generator steps per second per symbol; 0 publishes only on {@link SahmkSimulation#tick()}. */
    public double updatesPerSecond() {
        return updatesPerSecond;
    }

    public long seed() {
        return seed;
    }

    /** Close code for an unknown or missing key: 4401 (SDK, default) or 4001 (error-code docs page). */
    public int badKeyCloseCode() {
        return badKeyCloseCode;
    }

    /** Whether a rejected key first gets {@code {"type":"error","message":...}} (the SDK handles both). */
    public boolean errorBeforeAuthClose() {
        return errorBeforeAuthClose;
    }

    /** Whether handshakes with an {@code Origin} header get HTTP 403 (the Cloudflare behaviour of §1.2). */
    public boolean rejectOrigin() {
        return rejectOrigin;
    }

    /** Clock for every timestamp on the wire and in observation. */
    public Clock clock() {
        return clock;
    }

    public Map<Plan, PlanLimits> planLimits() {
        return planLimits;
    }

    public TickSizeTable tickSizes() {
        return tickSizes;
    }

    /** Entitlement cap on depth levels; requests above are served this many. */
    public int maxDepthLevels() {
        return maxDepthLevels;
    }

    /** Whether depth snapshots for a batch precede its {@code subscribed} ack (as the SDK's fixture shows). */
    public boolean depthSnapshotBeforeAck() {
        return depthSnapshotBeforeAck;
    }

    /** Trades in a {@code trades_snapshot}. */
    public int tradesSnapshotSize() {
        return tradesSnapshotSize;
    }

    /** Outstanding writes per connection before further frames are dropped (slow client protection). */
    public int maxPendingFrames() {
        return maxPendingFrames;
    }

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder {

        private final Map<String, Plan> keys = new LinkedHashMap<>(demoKeys());
        private Map<String, BigDecimal> universe = TadawulUniverse.defaults();
        private double updatesPerSecond = 2;
        private long seed = 42;
        private int badKeyCloseCode = 4401;
        private boolean errorBeforeAuthClose;
        private boolean rejectOrigin;
        private Clock clock = Clock.systemUTC();
        private final Map<Plan, PlanLimits> planLimits = new EnumMap<>(Plan.class);
        private TickSizeTable tickSizes = TickSizeTable.TADAWUL;
        private int maxDepthLevels = SahmkSession.MAX_DEPTH_LEVELS;
        private boolean depthSnapshotBeforeAck = true;
        private int tradesSnapshotSize = 10;
        private int maxPendingFrames = 10_000;

        Builder() {
            for (Plan plan : Plan.values()) {
                planLimits.put(plan, PlanLimits.defaults(plan));
            }
        }

        /** Accepts {@code key} with {@code plan} (in addition to the demo keys, unless {@link #clearKeys()}). */
        public Builder key(String key, Plan plan) {
            requireNonNull(key, "key is null");
            keys.put(key, requireNonNull(plan, "plan is null"));
            return this;
        }

        /** Forgets every key so far, the demo keys included. */
        public Builder clearKeys() {
            keys.clear();
            return this;
        }

        public Builder universe(Map<String, BigDecimal> universe) {
            this.universe = new LinkedHashMap<>(universe);
            return this;
        }

        /** The first {@code size} codes of the default universe, padded with generated codes. */
        public Builder universeSize(int size) {
            this.universe = TadawulUniverse.ofSize(size);
            return this;
        }

        public Builder updatesPerSecond(double updatesPerSecond) {
            this.updatesPerSecond = updatesPerSecond;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder badKeyCloseCode(int code) {
            this.badKeyCloseCode = code;
            return this;
        }

        public Builder errorBeforeAuthClose(boolean errorBeforeAuthClose) {
            this.errorBeforeAuthClose = errorBeforeAuthClose;
            return this;
        }

        public Builder rejectOrigin(boolean rejectOrigin) {
            this.rejectOrigin = rejectOrigin;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public Builder planLimits(Plan plan, PlanLimits limits) {
            planLimits.put(requireNonNull(plan, "plan is null"), requireNonNull(limits, "limits is null"));
            return this;
        }

        public Builder tickSizes(TickSizeTable tickSizes) {
            this.tickSizes = requireNonNull(tickSizes, "tickSizes is null");
            return this;
        }

        public Builder maxDepthLevels(int maxDepthLevels) {
            this.maxDepthLevels = maxDepthLevels;
            return this;
        }

        public Builder depthSnapshotBeforeAck(boolean depthSnapshotBeforeAck) {
            this.depthSnapshotBeforeAck = depthSnapshotBeforeAck;
            return this;
        }

        public Builder tradesSnapshotSize(int tradesSnapshotSize) {
            this.tradesSnapshotSize = tradesSnapshotSize;
            return this;
        }

        public Builder maxPendingFrames(int maxPendingFrames) {
            this.maxPendingFrames = maxPendingFrames;
            return this;
        }

        public SahmkOptions build() {
            if (universe.isEmpty() || universe.containsKey("*")) {
                throw new IllegalArgumentException("the universe must be non-empty and must not contain '*'");
            }
            if (!(updatesPerSecond >= 0 && updatesPerSecond <= 1_000)) {
                throw new IllegalArgumentException("updatesPerSecond must be between 0 and 1000, got "
                        + updatesPerSecond);
            }
            if (badKeyCloseCode < 4000 || badKeyCloseCode > 4999) {
                throw new IllegalArgumentException("badKeyCloseCode must be an application code 4000-4999 (4401 or "
                        + "4001), got " + badKeyCloseCode);
            }
            requireRange(maxDepthLevels, 1, SahmkSession.MAX_DEPTH_LEVELS, "maxDepthLevels");
            requireRange(tradesSnapshotSize, 1, 50, "tradesSnapshotSize");
            requireRange(maxPendingFrames, 1, Integer.MAX_VALUE, "maxPendingFrames");
            return new SahmkOptions(this);
        }

        private static void requireRange(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
        }
    }
}

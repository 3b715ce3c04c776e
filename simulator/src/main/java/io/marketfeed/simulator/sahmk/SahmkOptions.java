package io.marketfeed.simulator.sahmk;

import static java.util.Objects.requireNonNull;

import io.marketfeed.simulator.CommandLineOption;
import io.marketfeed.simulator.SimulationOptions;
import io.marketfeed.simulator.TickSizeTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@link SahmkSimulation}: what every simulation has ({@link SimulationOptions}; the universe
 * maps a symbol to its previous close) and SAHMK's own. Immutable; build with {@link #builder()}.
 */
public final class SahmkOptions extends SimulationOptions<Plan, BigDecimal> {

    private final int badKeyCloseCode;
    private final boolean errorBeforeAuthClose;
    private final boolean rejectOrigin;
    private final Map<Plan, PlanLimits> planLimits;
    private final TickSizeTable tickSizes;
    private final int maxDepthLevels;
    private final boolean depthSnapshotBeforeAck;
    private final int tradesSnapshotSize;

    private SahmkOptions(Builder builder) {
        super(builder);
        this.badKeyCloseCode = builder.badKeyCloseCode;
        this.errorBeforeAuthClose = builder.errorBeforeAuthClose;
        this.rejectOrigin = builder.rejectOrigin;
        this.planLimits = Collections.unmodifiableMap(new EnumMap<>(builder.planLimits));
        this.tickSizes = builder.tickSizes;
        this.maxDepthLevels = builder.maxDepthLevels;
        this.depthSnapshotBeforeAck = builder.depthSnapshotBeforeAck;
        this.tradesSnapshotSize = builder.tradesSnapshotSize;
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

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder extends SimulationOptions.Builder<Plan, BigDecimal, SahmkOptions, Builder> {

        private int badKeyCloseCode = 4401;
        private boolean errorBeforeAuthClose;
        private boolean rejectOrigin;
        private final Map<Plan, PlanLimits> planLimits = new EnumMap<>(Plan.class);
        private TickSizeTable tickSizes = TickSizeTable.TADAWUL;
        private int maxDepthLevels = SahmkSession.MAX_DEPTH_LEVELS;
        private boolean depthSnapshotBeforeAck = true;
        private int tradesSnapshotSize = 10;

        Builder() {
            super(demoKeys(), new CommandLineOption("--key", "KEY=PLAN",
                    "accept KEY on PLAN (pro|business|enterprise|inactive); repeatable"), Plan::fromWireName,
                    TadawulUniverse.defaults(), Duration.ofMillis(500));
            for (Plan plan : Plan.values()) {
                planLimits.put(plan, PlanLimits.defaults(plan));
            }
        }

        /** The first {@code size} codes of the default universe, padded with generated codes. */
        public Builder universeSize(int size) {
            return universe(TadawulUniverse.ofSize(size));
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

        @Override
        protected List<CommandLineOption> ownOptions() {
            return List.of(new CommandLineOption("--universe", "N", "number of symbols (real Tadawul codes first) [68]"),
                    new CommandLineOption("--bad-key-close", "N", "close code for unknown keys, 4401 or 4001 [4401]"),
                    CommandLineOption.flag("--error-before-close", "send {\"type\":\"error\"} before closing a "
                            + "rejected key"),
                    CommandLineOption.flag("--reject-origin", "answer handshakes carrying an Origin header with "
                            + "HTTP 403"));
        }

        @Override
        protected boolean ownOption(String name, String value) {
            switch (name) {
                case "--universe" -> universeSize(CommandLineOption.integer(value, name));
                case "--bad-key-close" -> badKeyCloseCode(CommandLineOption.integer(value, name));
                case "--error-before-close" -> errorBeforeAuthClose(true);
                case "--reject-origin" -> rejectOrigin(true);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected void check(SahmkOptions options) {
            if (options.universe().containsKey("*")) {
                throw new IllegalArgumentException("the universe must not contain '*'");
            }
            if (badKeyCloseCode < 4000 || badKeyCloseCode > 4999) {
                throw new IllegalArgumentException("badKeyCloseCode must be an application code 4000-4999 (4401 or "
                        + "4001), got " + badKeyCloseCode);
            }
            requireRange(maxDepthLevels, 1, SahmkSession.MAX_DEPTH_LEVELS, "maxDepthLevels");
            requireRange(tradesSnapshotSize, 1, 50, "tradesSnapshotSize");
        }

        private static void requireRange(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        @Override
        protected SahmkOptions create() {
            return new SahmkOptions(this);
        }

        @Override
        public SahmkSimulation newSimulation() {
            return new SahmkSimulation(build());
        }
    }
}

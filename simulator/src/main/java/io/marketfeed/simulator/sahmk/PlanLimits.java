package io.marketfeed.simulator.sahmk;

/**
 * What one SAHMK connection may subscribe to, announced in {@code connected.limits}.
 *
 * @param maxSymbolsPerConnection distinct subscriptions one connection may hold ({@code *} counts as one)
 * @param maxSymbolsPerCall symbols in one subscribe message
 * @param subscribeAll whether {@code *} (the whole market) is allowed
 */
public record PlanLimits(int maxSymbolsPerConnection, int maxSymbolsPerCall, boolean subscribeAll) {

    public PlanLimits {
        if (maxSymbolsPerConnection < 1 || maxSymbolsPerCall < 1) {
            throw new IllegalArgumentException("limits must be at least 1, got " + maxSymbolsPerConnection + "/"
                    + maxSymbolsPerCall);
        }
    }

    /** Pro 60/20, Business 120/40, Enterprise 200/20 with {@code *} (protocols.md §1.6). */
    public static PlanLimits defaults(Plan plan) {
        return switch (plan) {
            case PRO, INACTIVE -> new PlanLimits(60, 20, false);
            case BUSINESS -> new PlanLimits(120, 40, false);
            case ENTERPRISE -> new PlanLimits(200, 20, true);
        };
    }
}

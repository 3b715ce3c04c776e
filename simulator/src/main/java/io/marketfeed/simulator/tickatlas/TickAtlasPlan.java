package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * A TickAtlas plan as the simulator serves it: what {@code authenticated} announces and what a push costs.
 *
 * @param name the wire name ({@code authenticated.plan}): {@code starter}, {@code pro}, ...
 * @param maxSymbols symbols one connection may carry ({@code max_symbols})
 * @param creditsPerPush credits one quote push costs ({@code credits_per_push})
 * @param dailyQuota credits per day, reset at 00:00 UTC
 * @param webSocket whether the plan may stream at all (Free and Pay-As-You-Go may not: {@code forbidden})
 */
public record TickAtlasPlan(String name, int maxSymbols, int creditsPerPush, long dailyQuota, boolean webSocket) {

    /**
     * The streaming guide's Starter: 5 symbols, 5 credits per push. The quota is not published; 50,000 covers the
     * guide's "5 symbols / day ~36,000 credits".
     */
    public static final TickAtlasPlan STARTER = new TickAtlasPlan("starter", 5, 5, 50_000, true);
    /** Pro: 4 credits per push; 20 symbols (the guide prices 20); quota 200,000 (20 symbols need ~115,200). */
    public static final TickAtlasPlan PRO = new TickAtlasPlan("pro", 20, 4, 200_000, true);
    /** Enterprise: 3 credits per push; 100 symbols and 1,000,000 credits are assumptions. */
    public static final TickAtlasPlan ENTERPRISE = new TickAtlasPlan("enterprise", 100, 3, 1_000_000, true);
    /** No WebSocket access: authentication is answered with {@code forbidden}. */
    public static final TickAtlasPlan FREE = new TickAtlasPlan("free", 0, 0, 0, false);
    /** Pay-As-You-Go: no WebSocket access either. */
    public static final TickAtlasPlan PAYG = new TickAtlasPlan("payg", 0, 0, 0, false);

    public TickAtlasPlan {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("plan name is blank");
        }
        if (webSocket && (maxSymbols < 1 || creditsPerPush < 0 || dailyQuota < 0)) {
            throw new IllegalArgumentException("a streaming plan needs maxSymbols >= 1, creditsPerPush >= 0 and "
                    + "dailyQuota >= 0, got " + maxSymbols + ", " + creditsPerPush + ", " + dailyQuota);
        }
    }

    /** The same plan with another daily quota. */
    public TickAtlasPlan withDailyQuota(long quota) {
        return new TickAtlasPlan(name, maxSymbols, creditsPerPush, quota, webSocket);
    }

    /** The same plan with another symbol limit. */
    public TickAtlasPlan withMaxSymbols(int symbols) {
        return new TickAtlasPlan(name, symbols, creditsPerPush, dailyQuota, webSocket);
    }

    /** The built-in plans. */
    public static List<TickAtlasPlan> builtIn() {
        return List.of(STARTER, PRO, ENTERPRISE, FREE, PAYG);
    }

    /** The built-in plan with this name, case-insensitive. */
    public static TickAtlasPlan named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return builtIn().stream().filter(plan -> plan.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TickAtlas plan '" + name
                        + "'; use starter, pro, enterprise, free or payg"));
    }
}

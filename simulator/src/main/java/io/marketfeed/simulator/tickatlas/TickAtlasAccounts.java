package io.marketfeed.simulator.tickatlas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys and their quotas: one {@link KeyAccount} per key, the quota periods (00:00 UTC of the
 * simulation's clock, and optionally every {@linkplain TickAtlasOptions#quotaResetInterval() interval}), and the
 * limits fault's {@code max_symbols} override. Thread safe: the key map is filled in the constructor and never
 * changes, each account locks itself, and the period marks and override are volatile, written only by the
 * simulation's scheduler thread (periods) or a test (override).
 */
final class TickAtlasAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(TickAtlasSimulation.class);

    private final Map<String, KeyAccount> accounts = new LinkedHashMap<>();
    private final Duration resetInterval;
    private volatile LocalDate quotaDay;
    private volatile Instant nextIntervalReset;
    /** A limits fault: max_symbols for new authentications, or null for each plan's own. */
    private volatile Integer maxSymbolsOverride;

    TickAtlasAccounts(Map<String, TickAtlasPlan> keys, Duration resetInterval, Instant now) {
        keys.forEach((key, plan) -> accounts.put(key, new KeyAccount(key, plan)));
        this.resetInterval = resetInterval;
        this.quotaDay = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.nextIntervalReset = resetInterval.isZero() ? null : now.plus(resetInterval);
    }

    /** The account of {@code key}, or null when no such key is configured. */
    KeyAccount account(String key) {
        return accounts.get(key);
    }

    /** The account of {@code key}; an unknown key is a caller's mistake. */
    KeyAccount require(String key) {
        KeyAccount account = accounts.get(key);
        if (account == null) {
            throw new IllegalArgumentException("no TickAtlas key '" + key + "' is configured");
        }
        return account;
    }

    /** Every quota back to its plan's daily figure. */
    void resetAll() {
        accounts.values().forEach(KeyAccount::reset);
        LOG.info("TickAtlas quotas reset");
    }

    /** How often {@link #checkPeriod} should run: often enough for the reset interval, at most every second. */
    Duration checkEvery() {
        return Duration.ofMillis(resetInterval.isZero() ? 1000
                : Math.min(1000, Math.max(10, resetInterval.toMillis() / 10)));
    }

    /** Resets every quota when {@code now} has passed midnight UTC or the next interval reset. */
    void checkPeriod(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant intervalReset = nextIntervalReset;
        if (today.isAfter(quotaDay)) {
            quotaDay = today;
            resetAll();
        } else if (intervalReset != null && !now.isBefore(intervalReset)) {
            nextIntervalReset = now.plus(resetInterval);
            resetAll();
        }
    }

    int maxSymbols(TickAtlasPlan plan) {
        Integer override = maxSymbolsOverride;
        return override == null ? plan.maxSymbols() : override;
    }

    /** Sets the limits fault's max_symbols, or with null goes back to each plan's own. */
    void overrideMaxSymbols(Integer maxSymbols) {
        maxSymbolsOverride = maxSymbols;
    }

    boolean limitsOverridden() {
        return maxSymbolsOverride != null;
    }

    /** One status object per key: plan, limits, quota left and connections. */
    void describe(ArrayNode keys) {
        for (KeyAccount account : accounts.values()) {
            keys.addObject()
                    .put("key", account.key())
                    .put("plan", account.plan().name())
                    .put("max_symbols", maxSymbols(account.plan()))
                    .put("credits_per_push", account.plan().creditsPerPush())
                    .put("daily_quota", account.plan().dailyQuota())
                    .put("daily_quota_remaining", account.remaining())
                    .put("connections", account.connectionCount());
        }
    }

    /** One line per key for a person reading the console. */
    void describe(PrintStream out) {
        for (KeyAccount account : accounts.values()) {
            out.println("  key " + account.key() + ": " + account.plan().name()
                    + (account.plan().webSocket() ? ", " + maxSymbols(account.plan()) + " symbols, "
                            + account.plan().creditsPerPush() + " credits per push, quota " + account.remaining()
                            : ", no WebSocket access"));
        }
    }
}

package io.marketfeed.simulator.sahmk;

import java.util.Locale;

/** A SAHMK subscription plan, as it appears in {@code connected.plan}. */
public enum Plan {
    PRO,
    BUSINESS,
    ENTERPRISE,
    /** A key whose account may not stream (inactive, unverified, no WebSocket entitlement): closed with 4403. */
    INACTIVE;

    /** {@code pro}, {@code business}, {@code enterprise}, {@code inactive}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plan with this wire name, case-insensitive. */
    public static Plan fromWireName(String name) {
        for (Plan plan : values()) {
            if (plan.wireName().equalsIgnoreCase(name.trim())) {
                return plan;
            }
        }
        throw new IllegalArgumentException("unknown SAHMK plan '" + name + "'; use pro, business, enterprise or inactive");
    }
}

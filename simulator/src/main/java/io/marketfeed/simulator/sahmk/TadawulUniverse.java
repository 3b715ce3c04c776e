package io.marketfeed.simulator.sahmk;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default symbol universe: real Tadawul main-market codes with plausible previous closes (SAR; approximate, for
 * realistic price bands and tick sizes, not market data). Larger universes are padded with generated 4-digit codes.
 */
public final class TadawulUniverse {

    /** Four-digit codes 1000-9999. */
    public static final int MAX_SIZE = 9_000;

    private static final String[] DEFAULTS = {
        "2222", "27.45", "1120", "95.60", "2010", "62.30", "7010", "42.10", "1180", "35.70", "2380", "7.62",
        "1211", "49.85", "4030", "27.90", "2350", "6.48", "1150", "28.35", "4200", "121.40", "8210", "182.00",
        "1010", "28.10", "1020", "15.86", "1030", "13.40", "1050", "35.20", "1060", "35.85", "1080", "22.64",
        "1111", "180.20", "1140", "26.95", "1301", "25.00", "1303", "9.50", "1304", "34.00", "2001", "14.20",
        "2002", "26.00", "2020", "112.40", "2030", "72.50", "2050", "31.20", "2060", "10.48", "2070", "29.80",
        "2080", "88.00", "2082", "305.00", "2083", "45.60", "2223", "110.40", "2250", "19.80", "2270", "300.00",
        "2280", "55.40", "2290", "36.75", "2310", "22.44", "2330", "32.15", "3010", "24.90", "3020", "31.50",
        "3030", "45.20", "3040", "50.60", "3050", "32.10", "3060", "24.30", "4001", "10.04", "4002", "85.30",
        "4003", "80.20", "4013", "282.00", "4020", "15.12", "4040", "20.18", "4142", "131.80", "4161", "6.52",
        "4164", "121.20", "4190", "13.26", "4250", "20.46", "4263", "250.40", "4280", "8.32", "4300", "16.94",
        "4321", "20.30", "5110", "17.22", "7020", "55.20", "7030", "11.28", "7202", "292.20", "7203", "960.00",
        "8010", "150.20", "8230", "140.20",
    };

    private TadawulUniverse() {
    }

    /** The built-in list, in order ({@code 2222} first). */
    public static Map<String, BigDecimal> defaults() {
        Map<String, BigDecimal> universe = new LinkedHashMap<>();
        for (int i = 0; i < DEFAULTS.length; i += 2) {
            universe.put(DEFAULTS[i], new BigDecimal(DEFAULTS[i + 1]));
        }
        return Collections.unmodifiableMap(universe);
    }

    /** Number of built-in codes. */
    public static int defaultSize() {
        return DEFAULTS.length / 2;
    }

    /**
     * The first {@code size} built-in codes, padded with generated codes (ascending from 1000, skipping real ones)
     * whose prices are spread between 5 and 200 SAR. Deterministic.
     */
    public static Map<String, BigDecimal> ofSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("universe size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        Map<String, BigDecimal> universe = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> entry : defaults().entrySet()) {
            if (universe.size() == size) {
                break;
            }
            universe.put(entry.getKey(), entry.getValue());
        }
        Map<String, BigDecimal> real = defaults();
        for (int code = 1000; universe.size() < size; code++) {
            String symbol = Integer.toString(code);
            if (!real.containsKey(symbol)) {
                universe.put(symbol, BigDecimal.valueOf(500 + Math.floorMod(code * 7919L, 19_500L), 2));
            }
        }
        return Collections.unmodifiableMap(universe);
    }
}

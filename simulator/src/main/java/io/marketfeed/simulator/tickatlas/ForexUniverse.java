package io.marketfeed.simulator.tickatlas;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The default instruments: majors and crosses at 5 decimals (JPY pairs at 3), metals and two coins. */
public final class ForexUniverse {

    private ForexUniverse() {
    }

    /** Symbol → instrument, in display order. Prices are plausible, not real. */
    public static Map<String, ForexInstrument> defaults() {
        Map<String, ForexInstrument> universe = new LinkedHashMap<>();
        add(universe, "EURUSD", "1.08423", 11);
        add(universe, "GBPUSD", "1.26715", 14);
        add(universe, "USDJPY", "151.234", 12);
        add(universe, "USDCHF", "0.88217", 15);
        add(universe, "AUDUSD", "0.65432", 13);
        add(universe, "USDCAD", "1.35127", 16);
        add(universe, "NZDUSD", "0.61045", 18);
        add(universe, "EURGBP", "0.85563", 14);
        add(universe, "EURJPY", "163.987", 19);
        add(universe, "GBPJPY", "191.456", 25);
        add(universe, "XAUUSD", "2034.56", 25);
        add(universe, "XAGUSD", "22.814", 30);
        add(universe, "BTCUSD", "67234.50", 1500);
        add(universe, "ETHUSD", "3456.78", 150);
        return Collections.unmodifiableMap(universe);
    }

    private static void add(Map<String, ForexInstrument> universe, String symbol, String start, int spreadPoints) {
        universe.put(symbol, new ForexInstrument(symbol, new BigDecimal(start), spreadPoints));
    }
}

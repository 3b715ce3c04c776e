package io.marketfeed.simulator.alltick;

import static io.marketfeed.simulator.alltick.AlltickEndpoint.OTHER;
import static io.marketfeed.simulator.alltick.AlltickEndpoint.STOCK;

import io.marketfeed.simulator.alltick.Instrument.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default products: codes in the form of AllTick's product list, with plausible previous closes (demo data,
 * not real prices).
 */
public final class AlltickUniverse {

    private AlltickUniverse() {
    }

    /** Code → instrument, in display order. */
    public static Map<String, Instrument> defaults() {
        Map<String, Instrument> universe = new LinkedHashMap<>();
        for (Instrument instrument : List.of(
                Instrument.of("AAPL.US", STOCK, Kind.US_STOCK, "189.84"),
                Instrument.of("MSFT.US", STOCK, Kind.US_STOCK, "415.50"),
                Instrument.of("NVDA.US", STOCK, Kind.US_STOCK, "875.28"),
                Instrument.of("TSLA.US", STOCK, Kind.US_STOCK, "177.29"),
                Instrument.of("UNH.US", STOCK, Kind.US_STOCK, "492.16"),
                Instrument.of("700.HK", STOCK, Kind.HK_STOCK, "368.20"),
                Instrument.of("9988.HK", STOCK, Kind.HK_STOCK, "73.45"),
                Instrument.of("1288.HK", STOCK, Kind.HK_STOCK, "3.32"),
                Instrument.of("600519.SH", STOCK, Kind.CN_STOCK, "1688.00"),
                Instrument.of("000001.SZ", STOCK, Kind.CN_STOCK, "10.52"),
                Instrument.of("EURUSD", OTHER, Kind.FOREX, "1.08432"),
                Instrument.of("GBPUSD", OTHER, Kind.FOREX, "1.26718"),
                Instrument.of("USDJPY", OTHER, Kind.FOREX, "151.234"),
                Instrument.of("AUDUSD", OTHER, Kind.FOREX, "0.65871"),
                Instrument.of("USDCHF", OTHER, Kind.FOREX, "0.90412"),
                Instrument.of("USDCAD", OTHER, Kind.FOREX, "1.36189"),
                Instrument.of("NZDUSD", OTHER, Kind.FOREX, "0.61321"),
                Instrument.of("XAUUSD", OTHER, Kind.METAL, "2331.45"),
                Instrument.of("XAGUSD", OTHER, Kind.METAL, "27.412"),
                Instrument.of("GOLD", OTHER, Kind.METAL, "2331.20"),
                Instrument.of("USOIL", OTHER, Kind.ENERGY, "78.91"),
                Instrument.of("BTCUSDT", OTHER, Kind.CRYPTO, "67234.50"),
                Instrument.of("ETHUSDT", OTHER, Kind.CRYPTO, "3456.78"))) {
            universe.put(instrument.code(), instrument);
        }
        return universe;
    }
}

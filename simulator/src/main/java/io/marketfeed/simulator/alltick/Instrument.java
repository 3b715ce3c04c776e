package io.marketfeed.simulator.alltick;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One product the simulator knows: its code, the endpoint it belongs to, what kind it is, its previous close and
 * how many decimals its prices have. The market generator walks prices of scale 2; an instrument with more
 * decimals is walked at {@code price × 10^(decimals-2)} and shifted back on the wire, so {@code EURUSD} moves in
 * steps of 0.00001.
 *
 * @param previousClose the starting price, with exactly {@code decimals} decimals or fewer
 * @param decimals 2 to 6
 */
public record Instrument(String code, AlltickEndpoint endpoint, Kind kind, BigDecimal previousClose, int decimals) {

    /** What kind of product: decides turnover, trade direction, book volumes and depth. */
    public enum Kind {
        US_STOCK(1, true, true, true),
        HK_STOCK(10, true, true, true),
        CN_STOCK(5, true, true, true),
        CRYPTO(5, true, true, true),
        FOREX(1, false, false, false),
        METAL(1, false, false, false),
        ENERGY(1, false, false, false);

        private final int maxDepth;
        private final boolean turnover;
        private final boolean direction;
        private final boolean bookVolume;

        Kind(int maxDepth, boolean turnover, boolean direction, boolean bookVolume) {
            this.maxDepth = maxDepth;
            this.turnover = turnover;
            this.direction = direction;
            this.bookVolume = bookVolume;
        }

        /** Book levels the market serves at most (§4.4). */
        public int maxDepth() {
            return maxDepth;
        }

        /** Whether trades carry {@code turnover} (forex, metals and energy do not). */
        public boolean hasTurnover() {
            return turnover;
        }

        /** Whether {@code trade_direction} is set (forex, metals and energy always send 0). */
        public boolean hasDirection() {
            return direction;
        }

        /** Whether book levels carry a volume (forex, metals and CFDs send 0). */
        public boolean hasBookVolume() {
            return bookVolume;
        }
    }

    public Instrument {
        requireNonNull(code, "code is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(previousClose, "previousClose is null");
        if (decimals < 2 || decimals > 6) {
            throw new IllegalArgumentException("decimals must be 2 to 6, got " + decimals + " for " + code);
        }
        if (previousClose.signum() <= 0 || previousClose.stripTrailingZeros().scale() > decimals) {
            throw new IllegalArgumentException("previous close of " + code + " must be positive with at most "
                    + decimals + " decimals, got " + previousClose);
        }
    }

    public static Instrument of(String code, AlltickEndpoint endpoint, Kind kind, String previousClose) {
        BigDecimal price = new BigDecimal(previousClose);
        return new Instrument(code, endpoint, kind, price, Math.max(2, price.scale()));
    }

    /** The price the generator walks (scale 2). */
    BigDecimal generatorPrice() {
        return previousClose.movePointRight(decimals - 2).setScale(2, RoundingMode.DOWN);
    }

    /** A generator price (scale 2) as this instrument's wire price. */
    BigDecimal wirePrice(BigDecimal generated) {
        return generated.movePointLeft(decimals - 2);
    }
}

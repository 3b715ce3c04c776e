package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickSizeTableTest {

    private static final TickSizeTable TADAWUL = TickSizeTable.TADAWUL;

    @Test
    void bandsFollowTheTadawulTable() {
        assertEquals(d("0.01"), TADAWUL.tickAt(d("9.99")));
        assertEquals(d("0.02"), TADAWUL.tickAt(d("10.00")));
        assertEquals(d("0.02"), TADAWUL.tickAt(d("24.98")));
        assertEquals(d("0.05"), TADAWUL.tickAt(d("25.00")));
        assertEquals(d("0.10"), TADAWUL.tickAt(d("50.00")));
        assertEquals(d("0.20"), TADAWUL.tickAt(d("100.00")));
        assertEquals(d("0.20"), TADAWUL.tickAt(d("960.00")));
        assertEquals(d("0.50"), TickSizeTable.TADAWUL_2025.tickAt(d("500.00")));
        assertEquals(d("0.01"), TickSizeTable.TADAWUL_2025.tickAt(d("24.99")));
    }

    @Test
    void movesStayOnTheGridAcrossBandBoundaries() {
        assertEquals(d("10.00"), TADAWUL.move(d("9.99"), 1));
        assertEquals(d("9.99"), TADAWUL.move(d("10.00"), -1));
        assertEquals(d("25.00"), TADAWUL.move(d("24.98"), 1));
        assertEquals(d("24.98"), TADAWUL.move(d("25.00"), -1));
        assertEquals(d("99.90"), TADAWUL.move(d("100.00"), -1));
        assertEquals(d("100.40"), TADAWUL.move(d("100.00"), 2));
        assertEquals("27.40", TADAWUL.move(d("27.45"), -1).toPlainString());
        BigDecimal price = d("9.90");
        for (int i = 0; i < 2_000; i++) {
            price = TADAWUL.move(price, 1);
            assertTrue(TADAWUL.isOnGrid(price), price::toPlainString);
            assertEquals(2, price.scale());
        }
    }

    @Test
    void roundingSnapsToTheBandsTick() {
        assertEquals(d("27.45"), TADAWUL.roundDown(d("27.49")));
        assertEquals(d("27.50"), TADAWUL.roundUp(d("27.46")));
        assertEquals(d("10.00"), TADAWUL.roundUp(d("9.995")));
        assertEquals(d("30.15"), TADAWUL.roundDown(d("30.195")));
        assertFalse(TADAWUL.isOnGrid(d("27.47")));
    }

    @Test
    void aTableMustStartAtZeroAndStayOnItsGrid() {
        assertThrows(IllegalArgumentException.class, () -> TickSizeTable.of(Map.of("1", "0.01")));
        assertThrows(IllegalArgumentException.class, () -> TickSizeTable.of(Map.of("0", "0.01", "10.01", "0.02")));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}

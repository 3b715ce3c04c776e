package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestDurations {

    @Test
    void numberAndUnit() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(15), Durations.parse("15s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofSeconds(15), Durations.parse(" 15S "));
    }

    @Test
    void anythingElseExplainsTheForm() {
        for (String text : new String[] {"15", "s", "15 s", "--1s", "1m30s", "PT15S", "15sec", "", "1.s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text),
                    text);
            assertEquals("invalid duration '" + text + "': use a number and a unit (ms, s, m, h or d), such as "
                    + "500ms, 15s, 2m or 1h", e.getMessage());
        }
    }

    @Test
    void zeroAndNegativeMustBePositive() {
        for (String text : new String[] {"0s", "-5s", "-0.5m", "0ms", "+0h"}) {
            assertEquals("invalid duration '" + text + "': must be positive, such as 500ms, 15s, 2m or 1h",
                    assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage(), text);
        }
        assertEquals(Duration.ofSeconds(5), Durations.parse("+5s"));
    }
}

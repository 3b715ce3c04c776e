package io.marketfeed.api.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Limits by name, their checks, and the server's update over them. */
class LimitsTest {

    @Test
    void theBuilderStartsUnlimitedAndSetsEachValueByName() {
        Limits limits = Limits.builder().maxSymbolsPerConnection(60).maxSymbolsPerFrame(20).maxConnections(2)
                .minControlGap(Duration.ofMillis(250)).minGlobalControlGap(Duration.ofMillis(100))
                .minReconnectGap(Duration.ofSeconds(10)).perTopic(true).build();

        assertEquals(new Limits(60, 20, 2, Duration.ofMillis(250), Duration.ofMillis(100), Duration.ofSeconds(10),
                true), limits);
        assertEquals(Limits.unlimited(), Limits.builder().build());
        assertEquals(limits.withMaxSymbolsPerFrame(5), limits.toBuilder().maxSymbolsPerFrame(5).build());
    }

    @Test
    void aCountBelowOneOrAMissingGapIsRefusedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxSymbolsPerFrame(0).build());
        assertEquals("maxSymbolsPerFrame must be at least 1, got 0", zero.getMessage());
        assertEquals("maxConnections must be at least 1, got -1", assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxConnections(-1).build()).getMessage());
        assertEquals("maxSymbolsPerConnection must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxSymbolsPerConnection(0).build()).getMessage());
        assertEquals("minControlGap is null", assertThrows(NullPointerException.class,
                () -> Limits.builder().minControlGap(null).build()).getMessage());
        assertEquals("minGlobalControlGap is null", assertThrows(NullPointerException.class,
                () -> Limits.builder().minGlobalControlGap(null).build()).getMessage());
        assertEquals("minReconnectGap is null", assertThrows(NullPointerException.class,
                () -> Limits.builder().minReconnectGap(null).build()).getMessage());
    }

    @Test
    void eachWitherChangesItsValueOnly() {
        Limits base = Limits.builder().maxSymbolsPerConnection(10).maxSymbolsPerFrame(5).maxConnections(3)
                .minControlGap(Duration.ofMillis(1)).minGlobalControlGap(Duration.ofMillis(2))
                .minReconnectGap(Duration.ofMillis(3)).build();
        assertEquals(base.toBuilder().maxSymbolsPerConnection(11).build(), base.withMaxSymbolsPerConnection(11));
        assertEquals(base.toBuilder().maxConnections(4).build(), base.withMaxConnections(4));
        assertEquals(base.toBuilder().minControlGap(Duration.ofMillis(9)).build(),
                base.withMinControlGap(Duration.ofMillis(9)));
        assertEquals(base.toBuilder().minGlobalControlGap(Duration.ofMillis(9)).build(),
                base.withMinGlobalControlGap(Duration.ofMillis(9)));
        assertEquals(base.toBuilder().minReconnectGap(Duration.ofMillis(9)).build(),
                base.withMinReconnectGap(Duration.ofMillis(9)));
        assertEquals(base.toBuilder().perTopic(true).build(), base.withPerTopic(true));
    }

    @Test
    void aServerUpdateBeatsTheValuesItCarriesAndKeepsTheRest() {
        Limits base = Limits.builder().maxSymbolsPerConnection(10).maxSymbolsPerFrame(5).maxConnections(3)
                .perTopic(true).build();
        LimitsUpdate update = new LimitsUpdate(OptionalInt.of(20), OptionalInt.empty(), OptionalInt.of(1), "plan pro");
        assertEquals(base.toBuilder().maxSymbolsPerConnection(20).maxConnections(1).build(), base.with(update));
    }
}

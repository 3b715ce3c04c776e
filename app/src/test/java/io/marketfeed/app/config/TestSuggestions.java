package io.marketfeed.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestSuggestions {

    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, Suggestions.distance("symbols", "symbols"));
        assertEquals(1, Suggestions.distance("symbolz", "symbols"));
        assertEquals(1, Suggestions.distance("sybmols", "symbols"));
        assertEquals(1, Suggestions.distance("Symbols", "symbols"));
        assertEquals(2, Suggestions.distance("levle", "levels"));
        assertEquals(7, Suggestions.distance("", "symbols"));
    }

    @Test
    void closestOnlyWhenLikelyATypo() {
        List<String> keys = List.of("enabled", "endpoint", "symbols", "plan", "api-key");

        assertEquals(Optional.of("symbols"), Suggestions.closest("symbolz", keys));
        assertEquals(Optional.of("api-key"), Suggestions.closest("api_key", keys));
        assertEquals(Optional.of("api-key"), Suggestions.closest("apikey", keys));
        assertEquals(Optional.of("endpoint"), Suggestions.closest("endpiont", keys));
        assertEquals(Optional.empty(), Suggestions.closest("colour", keys));
        assertEquals(Optional.empty(), Suggestions.closest("xyz", keys));
        assertEquals(Optional.empty(), Suggestions.closest("anything", List.of()));
    }
}

package io.marketfeed.app.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestTableView {

    private static final Instant NOW = Instant.parse("2026-02-10T12:00:15Z");
    private static final Instant START = Instant.parse("2026-02-10T12:00:00Z");

    @Test
    void showsQuotesConnectionsAndCounters() {
        TableView view = new TableView(ZoneOffset.UTC, 10, 200, List.of("Demo data, not real prices"));
        Quote aramco = Quote.builder("sahmk", "2222", NOW).price(new BigDecimal("27.45"))
                .changePercent(new BigDecimal("-0.726")).bid(new BigDecimal("27.44")).ask(new BigDecimal("27.46"))
                .volume(new BigDecimal("1200")).time(Instant.parse("2026-02-10T12:00:14Z")).build();
        Quote rajhi = Quote.builder("sahmk", "1120", NOW).price(new BigDecimal("95.60")).build();
        ConnectionSnapshot connection = new ConnectionSnapshot("sahmk", "sahmk/quotes#1",
                "ws://127.0.0.1:1/ws/v1/stocks/", ConnectionState.CONNECTED, 2, 2, 42,
                Instant.parse("2026-02-10T12:00:14.700Z"), 0, null);
        ProviderSnapshot provider = new ProviderSnapshot("sahmk", false, null, 2, Map.of(), 0, 0, 0,
                Optional.empty(), List.of(connection));
        FeedSnapshot snapshot = new FeedSnapshot(NOW, List.of(provider),
                List.of(new FeedSnapshot.ListenerSnapshot("output", DeliveryPolicy.conflateLatest(), 0, 40, 0, 2, 0)));

        List<String> lines = view.render(NOW, START, List.of(aramco, rajhi), snapshot,
                List.of("12:00:01  sahmk/quotes#1 connected"));

        assertEquals("Marketfeed  12:00:15 Z  up 00:00:15  2 symbols  (Ctrl-C stops)", lines.get(0));
        assertEquals("Demo data, not real prices", lines.get(1));
        String text = String.join("\n", lines);
        // Sorted by provider and symbol: 1120 before 2222.
        assertTrue(text.indexOf("1120") < text.indexOf("2222"), text);
        assertTrue(text.contains(String.format("%-10s %-10s %12s %8s %12s %12s %14s %-8s", "sahmk", "2222", "27.45",
                "-0.73", "27.44", "27.46", "1200", "12:00:14")), text);
        assertTrue(text.contains(String.format("%-10s %-10s %12s %8s %12s %12s %14s %-8s", "sahmk", "1120", "95.60",
                "-", "-", "-", "-", "12:00:15")), text);
        assertTrue(text.contains(String.format("%-22s %-12s %9s %10s %11s  %s", "sahmk/quotes#1", "connected",
                "2/2", 42, "0.3s ago", "")), text);
        assertTrue(text.contains(String.format("%-10s %8s %11s %9s %10s %9s", "output", 0, 40, 0, 2, 0)), text);
        assertTrue(text.endsWith("RECENT\n12:00:01  sahmk/quotes#1 connected"), text);
    }

    @Test
    void limitsRowsAndWidthAndShowsFailures() {
        TableView view = new TableView(ZoneOffset.UTC, 1, 40, List.of());
        Quote first = Quote.builder("sahmk", "1120", NOW).price(BigDecimal.ONE).build();
        Quote second = Quote.builder("sahmk", "2222", NOW).price(BigDecimal.TEN).build();
        FeedSnapshot snapshot = new FeedSnapshot(NOW, List.of(new ProviderSnapshot("sahmk", true,
                "the server refused the key (4401)", 0, Map.of(), 0, 0, 0, Optional.empty(), List.of())),
                List.of());

        List<String> lines = view.render(NOW, START, List.of(second, first), snapshot, List.of());

        assertTrue(lines.contains("... and 1 more symbols"), lines.toString());
        assertTrue(lines.stream().allMatch(line -> line.length() <= 40), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("sahmk FAILED: the server refused")),
                lines.toString());
    }

    @Test
    void beforeAnyQuoteAndWithoutSnapshot() {
        List<String> lines = new TableView(ZoneOffset.UTC, 5, 120, List.of()).render(NOW, START, List.of(), null,
                List.of());

        assertTrue(lines.contains("(no quotes yet)"), lines.toString());
    }
}

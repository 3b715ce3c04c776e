package io.marketfeed.app.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
                Optional.empty(), List.of(connection), ProviderSnapshot.Activity.NONE);
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW, List.of(provider),
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
        assertTrue(text.contains(String.format("%-22s %-12s %9s %10s %11s", "sahmk/quotes#1", "connected",
                "2/2", 42, "0.3s ago") + "\n"), text);
        assertTrue(text.contains(String.format("%-10s %8s %11s %9s %10s %9s", "output", 0, 40, 0, 2, 0)), text);
        assertTrue(text.endsWith("RECENT\n12:00:01  sahmk/quotes#1 connected"), text);
    }

    @Test
    void limitsRowsAndWidthAndShowsFailures() {
        TableView view = new TableView(ZoneOffset.UTC, 1, 40, List.of());
        Quote first = Quote.builder("sahmk", "1120", NOW).price(BigDecimal.ONE).build();
        Quote second = Quote.builder("sahmk", "2222", NOW).price(BigDecimal.TEN).build();
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW, List.of(new ProviderSnapshot("sahmk", true,
                "the server refused the key (4401)", 0, Map.of(), 0, 0, 0, Optional.empty(), List.of(), ProviderSnapshot.Activity.NONE)),
                List.of());

        List<String> lines = view.render(NOW, START, List.of(second, first), snapshot, List.of());

        assertTrue(lines.contains("... and 1 more symbols"), lines.toString());
        assertTrue(lines.stream().allMatch(line -> line.length() <= 40), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("sahmk FAILED: the server refused")),
                lines.toString());
    }

    @Test
    void creditsOfMeteredProvidersWithForecastAndMarker() {
        TableView view = new TableView(ZoneOffset.UTC, 10, 200, List.of());
        // Runs out in 20 minutes, hours before the reset at midnight UTC: marked.
        CreditSnapshot running = new CreditSnapshot(1_480, OptionalLong.of(1_500), 4_500.0,
                Optional.of(Instant.parse("2026-02-10T12:20:15Z")), Instant.parse("2026-02-11T00:00:00Z"));
        // Lasts past the reset: not marked. Nothing known of the quota yet: "—".
        CreditSnapshot ample = new CreditSnapshot(80, OptionalLong.empty(), 0.0, Optional.empty(),
                Instant.parse("2026-02-11T00:00:00Z"));
        // Nothing left: no forecast, no data until the reset.
        CreditSnapshot spent = new CreditSnapshot(1_500, OptionalLong.of(0), 90_000.0,
                Optional.of(Instant.parse("2026-02-10T11:59:00Z")), Instant.parse("2026-02-11T00:00:00Z"));
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW, List.of(
                provider("sahmk", Optional.empty()),
                provider("tickatlas", Optional.of(running)),
                provider("other", Optional.of(ample)),
                provider("spent", Optional.of(spent))), List.of());

        List<String> lines = view.render(NOW, START, List.of(), snapshot, List.of());

        int header = lines.indexOf("CREDITS          USED  REMAINING  PER HOUR  RUNS OUT (FORECAST)    NEXT RESET");
        assertTrue(header > 0, String.join("\n", lines));
        assertEquals("tickatlas        1480       1500      4500  12:20:15 (in 20m)      02-11 00:00 (in 11h59m)"
                + "  !! runs out before the reset", lines.get(header + 1));
        assertEquals("other              80          —         0  —                      02-11 00:00 (in 11h59m)",
                lines.get(header + 2));
        assertEquals("spent            1500          0     90000  used up                02-11 00:00 (in 11h59m)"
                + "  !! no data until the reset", lines.get(header + 3));
        assertEquals("", lines.get(header + 4));
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("sahmk ")), String.join("\n", lines));
    }

    @Test
    void withoutMeteredProvidersThereIsNoCreditsSection() {
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW, List.of(provider("sahmk", Optional.empty())), List.of());

        List<String> lines = new TableView(ZoneOffset.UTC, 10, 200, List.of()).render(NOW, START, List.of(),
                snapshot, List.of());

        assertTrue(lines.stream().noneMatch(line -> line.startsWith("CREDITS")), String.join("\n", lines));
    }

    @Test
    void longNotesAreWrappedNotCut() {
        TableView view = new TableView(ZoneOffset.UTC, 10, 40, List.of(
                "No API keys configured: SAHMK and TickAtlas stream from the built-in simulator (demo data, not "
                        + "real prices)."));

        List<String> lines = view.render(NOW, START, List.of(), null, List.of());

        assertEquals(List.of("No API keys configured: SAHMK and", "  TickAtlas stream from the built-in",
                "  simulator (demo data, not real", "  prices)."), lines.subList(1, 5));
    }

    /** Quote columns, least useful first to go, as the table's documentation lists them. */
    private static final List<String> QUOTE_COLUMNS = List.of("PROVIDER", "SYMBOL", "PRICE", "CHG %", "BID", "ASK",
            "VOLUME", "TIME");

    @Test
    void followsTheWidthDroppingTheLeastUsefulColumnsFirstAndNeverWraps() {
        Map<Integer, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put(200, QUOTE_COLUMNS);
        expected.put(120, QUOTE_COLUMNS);
        expected.put(80, QUOTE_COLUMNS);
        expected.put(60, List.of("PROVIDER", "SYMBOL", "PRICE", "CHG %", "BID", "ASK", "TIME"));
        expected.put(40, List.of("PROVIDER", "SYMBOL", "PRICE", "BID", "ASK"));
        expected.put(30, List.of("PROVIDER", "SYMBOL", "PRICE"));
        expected.put(20, List.of("SYMBOL", "PRICE"));
        for (Map.Entry<Integer, List<String>> entry : expected.entrySet()) {
            int width = entry.getKey();
            List<String> lines = fullFrame(width);
            String text = String.join("\n", lines);

            for (String line : lines) {
                assertTrue(line.length() <= width, width + ": " + line.length() + " > " + width + ": " + line);
            }
            String header = lines.stream().filter(line -> line.contains("SYMBOL")).findFirst().orElseThrow();
            assertEquals(entry.getValue(), QUOTE_COLUMNS.stream().filter(header::contains).toList(),
                    width + ":\n" + text);
            // The essentials of each quote are always there, whole.
            assertTrue(text.contains("2222") && text.contains("27.45") && text.contains("EURUSD")
                    && text.contains("1.08512"), width + ":\n" + text);
        }
    }

    @Test
    void atTheWidthOfTheOldFixedTableNothingChanges() {
        List<String> lines = fullFrame(120);

        assertTrue(lines.contains(String.format("%-10s %-10s %12s %8s %12s %12s %14s %-8s", "sahmk", "2222", "27.45",
                "-0.73", "27.44", "27.46", "12345678", "12:00:14")), String.join("\n", lines));
        assertTrue(lines.contains(String.format("%-10s %8s %11s %9s %10s %9s", "OUTPUT", "QUEUED", "DELIVERED",
                "DROPPED", "CONFLATED", "FAILURES")), String.join("\n", lines));
    }

    @Test
    void otherSectionsNarrowAndDropToo() {
        String wide = String.join("\n", fullFrame(200));
        assertTrue(wide.contains("connection refused by 127.0.0.1:1; check that the server runs and the port is "
                + "right"), wide);
        assertTrue(wide.contains("PER HOUR") && wide.contains("NEXT RESET") && wide.contains("FAILURES"), wide);

        List<String> narrow = fullFrame(60);
        String connections = narrow.stream().filter(line -> line.startsWith("CONNECTION")).findFirst().orElseThrow();
        assertEquals(List.of("CONNECTION", "STATE", "SYMBOLS", "REASON"), java.util.stream.Stream.of("CONNECTION",
                "STATE", "SYMBOLS", "FRAMES", "LAST FRAME", "REASON").filter(connections::contains).toList(),
                String.join("\n", narrow));
        // The reason is cut to what is left, and says so.
        assertTrue(narrow.stream().anyMatch(line -> line.startsWith("tickatlas/quotes#1") && line.endsWith("…")
                && line.length() == 60), String.join("\n", narrow));
        String credits = narrow.stream().filter(line -> line.startsWith("CREDITS")).findFirst().orElseThrow();
        assertFalse(credits.contains("PER HOUR"), credits);
        assertTrue(credits.contains("RUNS OUT (FORECAST)"), credits);
        // The title leaves out its least useful parts rather than being cut.
        assertEquals("Marketfeed  12:00:15 Z  up 00:00:15  2 symbols", narrow.get(0));
    }

    /** A frame with quotes of two providers, two connections (one with a long reason), credits and an output. */
    private static List<String> fullFrame(int width) {
        Quote aramco = Quote.builder("sahmk", "2222", NOW).price(new BigDecimal("27.45"))
                .changePercent(new BigDecimal("-0.726")).bid(new BigDecimal("27.44")).ask(new BigDecimal("27.46"))
                .volume(new BigDecimal("12345678")).time(Instant.parse("2026-02-10T12:00:14Z")).build();
        Quote euro = Quote.builder("tickatlas", "EURUSD", NOW).price(new BigDecimal("1.08512"))
                .changePercent(new BigDecimal("0.15")).bid(new BigDecimal("1.08510")).ask(new BigDecimal("1.08514"))
                .time(Instant.parse("2026-02-10T12:00:15Z")).build();
        ConnectionSnapshot up = new ConnectionSnapshot("sahmk", "sahmk/quotes#1", "ws://127.0.0.1:1/ws/v1/stocks/",
                ConnectionState.CONNECTED, 1, 1, 42, Instant.parse("2026-02-10T12:00:14.700Z"), 0, null);
        ConnectionSnapshot down = new ConnectionSnapshot("tickatlas", "tickatlas/quotes#1", "ws://127.0.0.1:1/",
                ConnectionState.RECONNECTING, 1, 0, 7, null, 3,
                "connection refused by 127.0.0.1:1; check that the server runs and the port is right");
        CreditSnapshot running = new CreditSnapshot(1_480, OptionalLong.of(1_500), 4_500.0,
                Optional.of(Instant.parse("2026-02-10T12:20:15Z")), Instant.parse("2026-02-11T00:00:00Z"));
        FeedSnapshot snapshot = new FeedSnapshot(NOW, NOW, List.of(
                new ProviderSnapshot("sahmk", false, null, 1, Map.of(), 0, 0, 0, Optional.empty(), List.of(up),
                        ProviderSnapshot.Activity.NONE),
                new ProviderSnapshot("tickatlas", false, null, 1, Map.of(), 0, 0, 0, Optional.of(running),
                        List.of(down), ProviderSnapshot.Activity.NONE)),
                List.of(new FeedSnapshot.ListenerSnapshot("output", DeliveryPolicy.conflateLatest(), 0, 40, 0, 2, 0)));
        TableView view = new TableView(ZoneOffset.UTC, 10, width, List.of("No API keys configured: SAHMK and "
                + "TickAtlas stream from the built-in simulator (demo data, not real prices)."));
        return view.render(NOW, START, List.of(aramco, euro), snapshot, List.of("12:00:01  sahmk/quotes#1 connected",
                "12:00:02  tickatlas/quotes#1 reconnecting (attempt 3 in 4000ms): connection refused by 127.0.0.1:1"));
    }

    private static ProviderSnapshot provider(String id, Optional<CreditSnapshot> credits) {
        return new ProviderSnapshot(id, false, null, 1, Map.of(), 0, 0, 0, credits, List.of(), ProviderSnapshot.Activity.NONE);
    }

    @Test
    void beforeAnyQuoteAndWithoutSnapshot() {
        List<String> lines = new TableView(ZoneOffset.UTC, 5, 120, List.of()).render(NOW, START, List.of(), null,
                List.of());

        assertTrue(lines.contains("(no quotes yet)"), lines.toString());
    }
}

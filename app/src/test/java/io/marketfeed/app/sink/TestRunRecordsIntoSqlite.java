package io.marketfeed.app.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.app.ExitCode;
import io.marketfeed.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo records: a run against the built-in simulator leaves an SQLite file holding every event it printed,
 * the same number of each kind with the same exact values.
 */
class TestRunRecordsIntoSqlite {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER).build();

    @TempDir
    Path directory;

    @Test
    void everyPrintedEventIsInTheDatabaseWithTheSameValues() throws Exception {
        Path database = directory.resolve("marketfeed.db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--duration", "3s", "--format", "jsonl",
            "-Dmarketfeed.sinks=[{type = sqlite, path = \"" + database + "\", spool.dir = \""
                    + directory.resolve("spool") + "\"}]"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK, code, stderr);
        assertTrue(stderr.contains("Recording every event into " + database + " (sqlite sink)"), stderr);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        Map<String, Integer> printed = new TreeMap<>();
        List<String> printedQuotes = new ArrayList<>();
        for (String line : lines) {
            Map<String, String> fields = fields(line);
            printed.merge(fields.get("type"), 1, Integer::sum);
            if (fields.get("type").equals("quote")) {
                printedQuotes.add(quoteKey(fields.get("provider"), fields.get("symbol"), fields.get("price"),
                        fields.get("bid"), fields.get("ask"), fields.get("volume"), fields.get("time"),
                        fields.get("receivedAt")));
            }
        }
        assertTrue(printed.getOrDefault("quote", 0) > 20, "too few quotes to prove anything: " + printed);

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            Map<String, Integer> stored = new TreeMap<>();
            Map<String, String> tables = Map.of("quote", "quotes", "trade", "trades", "candle", "candles", "book",
                    "books", "market", "market_status", "alert", "alerts", "gap", "gaps", "connection",
                    "connection_events", "status", "status_events");
            for (Map.Entry<String, String> table : tables.entrySet()) {
                int count = count(statement, table.getValue());
                if (count > 0) {
                    stored.put(table.getKey(), count);
                }
            }
            assertEquals(printed, stored);

            List<String> storedQuotes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT provider, symbol, price, bid, ask, volume, time, received_at FROM quotes ORDER BY seq")) {
                while (rows.next()) {
                    storedQuotes.add(quoteKey(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getString(8)));
                }
            }
            Collections.sort(printedQuotes);
            Collections.sort(storedQuotes);
            assertEquals(printedQuotes, storedQuotes);
            assertTrue(count(statement, "latest_quote") > 0);
        }
        assertTrue(!Files.exists(directory.resolve("spool")) || Files.list(directory.resolve("spool"))
                .findAny().isEmpty(), "nothing should be left in the spool");
    }

    private static String quoteKey(String... values) {
        return String.join("|", values);
    }

    private static int count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The top-level scalar fields of a jsonl line, numbers as their exact text. */
    private static Map<String, String> fields(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, value.isNumeric() ? parser.getDecimalValue().toPlainString() : parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }
}

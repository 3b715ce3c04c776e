package io.marketfeed.sink.questdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs SQL on a QuestDB server through its HTTP {@code /exec} endpoint: the same port and login as the ILP writes,
 * so the sink needs no PostgreSQL driver. Every value comes back as the text of its JSON form ({@code DECIMAL}
 * values as their exact digits, timestamps as ISO-8601 with nanoseconds), {@code null} for SQL NULL.
 *
 * <p>Holds no connection between calls; stateless apart from its settings, so any thread may use it.
 */
final class QuestDbSql {

    private static final JsonFactory JSON = new JsonFactory();

    /** The answer to a query: the column names and the rows, each value as text or {@code null}. */
    record Result(List<String> columns, List<List<String>> rows) {

        /** The value of {@code column} in row {@code row}. */
        String value(int row, String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + columns);
            }
            return rows.get(row).get(index);
        }
    }

    private final QuestDbSettings settings;
    private final QuestDbErrors errors;

    QuestDbSql(QuestDbSettings settings) {
        this.settings = settings;
        this.errors = new QuestDbErrors(settings);
    }

    /** Runs {@code sql} (a query or a statement) and returns what it answered; throws with a one-line message. */
    Result run(String sql) throws IOException {
        URI uri = URI.create(settings.shownUrl() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        int status;
        Answer answer;
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout(settings.requestTimeoutMillis());
            http.setReadTimeout(settings.requestTimeoutMillis());
            http.setRequestProperty("Accept", "application/json");
            HttpURLConnection request = http;
            settings.basicAuthorization().ifPresent(value -> request.setRequestProperty("Authorization", value));
            status = http.getResponseCode();
            InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream();
            answer = body == null ? new Answer() : parse(body);
        } catch (IOException e) {
            throw errors.unreachable(e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
        if (status >= 400 || answer.error != null) {
            throw errors.rejected(status, answer.error == null ? "no details" : answer.error, sql);
        }
        return new Result(Collections.unmodifiableList(answer.columns), Collections.unmodifiableList(answer.rows));
    }

    /** What {@code /exec} answered: {@code {"columns":[{"name":..}], "dataset":[[..]]}}, or {@code {"error":..}}. */
    private static final class Answer {
        final List<String> columns = new ArrayList<>();
        final List<List<String>> rows = new ArrayList<>();
        String error;
    }

    private static Answer parse(InputStream body) throws IOException {
        Answer answer = new Answer();
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                // Not JSON (a plain "Unauthorized", an HTML page): the status code tells.
                return answer;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("error")) {
                    answer.error = json.getValueAsString();
                } else if (field.equals("columns") && value == JsonToken.START_ARRAY) {
                    readColumns(json, answer.columns);
                } else if (field.equals("dataset") && value == JsonToken.START_ARRAY) {
                    readRows(json, answer.rows);
                } else {
                    json.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A body cut short or not JSON at all; the status code and whatever was read still tell.
            return answer;
        }
        return answer;
    }

    private static void readColumns(JsonParser json, List<String> columns) throws IOException {
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("name")) {
                    name = json.getValueAsString();
                } else {
                    json.skipChildren();
                }
            }
            columns.add(name);
        }
    }

    private static void readRows(JsonParser json, List<List<String>> rows) throws IOException {
        while (json.nextToken() == JsonToken.START_ARRAY) {
            List<String> row = new ArrayList<>();
            JsonToken token;
            while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.VALUE_NULL) {
                    row.add(null);
                } else if (token.isScalarValue()) {
                    row.add(json.getText());
                } else {
                    // An array column (QuestDB's DOUBLE[]): kept as nothing the sink reads.
                    json.skipChildren();
                    row.add(null);
                }
            }
            rows.add(Collections.unmodifiableList(row));
        }
    }
}

package io.marketfeed.sink.postgres;

import io.marketfeed.sink.EventTables.ColumnType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Binds the values of a row, as {@link io.marketfeed.sink.EventTables#values} gives them, to a statement's
 * parameters.
 *
 * <p>Two values PostgreSQL cannot hold are changed rather than failing the batch (which the writer would retry
 * forever): times keep whole microseconds, the finer digits dropped (truncated, never rounded up into the future),
 * and a NUL character, which {@code text} and {@code jsonb} refuse, becomes U+FFFD. Decimals go as they are.
 *
 * <p>Stateless; any thread.
 */
final class RowBinder {

    static final char NUL_REPLACEMENT = '\uFFFD';

    private RowBinder() {
    }

    /** Binds {@code value} (of the Java type {@code type} documents, or null) to parameter {@code index}. */
    static void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        switch (type) {
            case DECIMAL:
                statement.setBigDecimal(index, (BigDecimal) value);
                break;
            case TIME:
                if (value == null) {
                    statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    statement.setObject(index, time((Instant) value));
                }
                break;
            case INTEGER:
                if (value == null) {
                    statement.setNull(index, Types.BIGINT);
                } else {
                    statement.setLong(index, ((Number) value).longValue());
                }
                break;
            case JSON:
                statement.setString(index, value == null ? null : jsonWithoutNul((String) value));
                break;
            case TEXT:
            default:
                statement.setString(index, value == null ? null : textWithoutNul((String) value));
                break;
        }
    }

    /** The time as PostgreSQL keeps it: whole microseconds, in UTC. */
    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static String textWithoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', NUL_REPLACEMENT);
    }

    /**
     * Replaces the JSON escape of NUL (a backslash, then {@code u0000}), which jsonb refuses, by the escape of
     * U+FFFD, minding escaped backslashes; a raw NUL is replaced too.
     */
    static String jsonWithoutNul(String json) {
        if (!json.contains("\\u0000")) {
            return textWithoutNul(json);
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && json.startsWith("u0000", i + 1)) {
                out.append("\\ufffd");
                i += 5;
            } else if (c == '\\' && i + 1 < json.length()) {
                out.append(c).append(json.charAt(++i));
            } else {
                out.append(c == '\0' ? NUL_REPLACEMENT : c);
            }
        }
        return out.toString();
    }
}

package io.marketfeed.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table's rows and the notes under it, in the order the sections add them. Thread safe enough: one writer. */
public final class Report {

    /** A verdict against a target. */
    public enum Verdict {
        MET("✓ met"), MISSED("✗ missed"), NONE("");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    /**
     * @param section throughput, latency, ...
     * @param figure what was measured
     * @param measured the figure
     * @param target the target, or "–"
     * @param verdict against the target
     */
    public record Row(String section, String figure, String measured, String target, Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    public void row(String section, String figure, String measured, String target, Verdict verdict) {
        rows.add(new Row(section, figure, measured, target, verdict));
    }

    /** A row without a target. */
    public void row(String section, String figure, String measured) {
        row(section, figure, measured, "–", Verdict.NONE);
    }

    public void note(String section, String text) {
        notes.computeIfAbsent(section, key -> new ArrayList<>()).add(text);
    }

    public List<Row> rows() {
        return rows;
    }

    /** The summary table, then the notes per section. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| section | figure | measured | target | vs target |\n");
        out.append("|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(cell(row.section())).append(" | ").append(cell(row.figure())).append(" | ")
                    .append(cell(row.measured())).append(" | ").append(cell(row.target())).append(" | ")
                    .append(row.verdict().text).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes\n");
            notes.forEach((section, lines) -> {
                out.append("\n*").append(section).append("*\n\n");
                lines.forEach(line -> out.append("- ").append(line).append('\n'));
            });
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

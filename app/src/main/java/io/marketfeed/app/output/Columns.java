package io.marketfeed.app.output;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays out one section of the table (a header and rows of cells) in a given width, never wider:
 * <ol>
 *   <li>when the preferred widths fit, every column keeps its preferred width (or its widest cell, if wider);</li>
 *   <li>otherwise every column narrows to its widest cell (or header);</li>
 *   <li>while that is still too wide, the columns are dropped in their {@linkplain Column#dropRank drop order},
 *       least useful first (columns with the same rank go together, such as BID and ASK);</li>
 *   <li>then the text columns that may be cut are cut, with "…", down to their minimum;</li>
 * </ol>
 * and the last column, when it is a {@linkplain Column#rest rest} column (a reason, a marker), takes what is left
 * and is cut to it. A line is never wrapped: the caller cuts whatever still does not fit.
 *
 * <p>Immutable; a pure function of its inputs.
 */
final class Columns {

    /** Cut text ends with this. */
    static final String ELLIPSIS = "…";

    /**
     * One column.
     *
     * @param header its title
     * @param preferred its width when there is room
     * @param right whether its cells are aligned right (numbers)
     * @param dropRank 0: never dropped; otherwise columns are dropped in increasing rank, all of one rank at once
     * @param gap the spaces before it (none before the first column)
     * @param minimum how narrow a text column may be cut; 0 for a column that is never cut (numbers, times)
     * @param rest whether it is the last column, which takes the remaining width and is cut to it
     */
    record Column(String header, int preferred, boolean right, int dropRank, int gap, int minimum, boolean rest) {
        Column {
            requireNonNull(header, "header is null");
        }

        static Column left(String header, int preferred, int dropRank) {
            return new Column(header, preferred, false, dropRank, 1, 0, false);
        }

        static Column right(String header, int preferred, int dropRank) {
            return new Column(header, preferred, true, dropRank, 1, 0, false);
        }

        /** A text column that may be cut down to {@code minimum} characters. */
        Column cutTo(int minimum) {
            return new Column(header, preferred, right, dropRank, gap, minimum, rest);
        }

        Column gap(int spaces) {
            return new Column(header, preferred, right, dropRank, spaces, minimum, rest);
        }

        /** The last column: its text is never padded; it gets at least {@code wanted} characters before others go. */
        static Column rest(String header, int gap, int wanted, int dropRank) {
            return new Column(header, 0, false, dropRank, gap, wanted, true);
        }
    }

    private final List<Column> columns;

    Columns(Column... columns) {
        this.columns = List.of(columns);
        for (int i = 0; i < columns.length - 1; i++) {
            if (columns[i].rest()) {
                throw new IllegalArgumentException("only the last column may be a rest column");
            }
        }
    }

    /**
     * The header line and one line per row, each at most {@code width} characters, without trailing spaces.
     *
     * @param rows cells in column order
     * @param width the most characters per line
     * @param kept receives the headers of the columns shown, in order; may be null
     */
    List<String> render(List<String[]> rows, int width, List<String> kept) {
        int count = columns.size();
        int[] content = new int[count];
        for (int i = 0; i < count; i++) {
            content[i] = columns.get(i).header().length();
            for (String[] row : rows) {
                content[i] = Math.max(content[i], row[i].length());
            }
        }
        boolean[] shown = new boolean[count];
        Arrays.fill(shown, true);
        int[] widths = new int[count];
        for (int i = 0; i < count; i++) {
            Column column = columns.get(i);
            widths[i] = column.rest() ? content[i] : Math.max(column.preferred(), content[i]);
        }
        if (total(widths, shown, false) > width) {
            // Narrow every column to what it holds; a rest column asks only for its wanted share.
            for (int i = 0; i < count; i++) {
                widths[i] = columns.get(i).rest() ? Math.min(content[i], columns.get(i).minimum()) : content[i];
            }
            for (int rank : dropRanks()) {
                if (total(widths, shown, false) <= width) {
                    break;
                }
                for (int i = 0; i < count; i++) {
                    if (columns.get(i).dropRank() == rank) {
                        shown[i] = false;
                    }
                }
            }
            for (int i = 0; i < count && total(widths, shown, false) > width; i++) {
                Column column = columns.get(i);
                if (shown[i] && !column.rest() && column.minimum() > 0 && widths[i] > column.minimum()) {
                    widths[i] = Math.max(column.minimum(), widths[i] - (total(widths, shown, false) - width));
                }
            }
        }
        int last = lastShown(shown);
        if (last >= 0 && columns.get(last).rest()) {
            // The rest column takes whatever the others leave.
            int others = total(widths, shown, true);
            widths[last] = Math.max(0, Math.min(content[last], width - others - columns.get(last).gap()));
        }
        if (kept != null) {
            for (int i = 0; i < count; i++) {
                if (shown[i]) {
                    kept.add(columns.get(i).header());
                }
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(line(headers(), widths, shown));
        for (String[] row : rows) {
            lines.add(line(row, widths, shown));
        }
        return lines;
    }

    private String[] headers() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    private String line(String[] cells, int[] widths, boolean[] shown) {
        StringBuilder line = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < columns.size(); i++) {
            if (!shown[i]) {
                continue;
            }
            Column column = columns.get(i);
            if (!first) {
                line.append(" ".repeat(column.gap()));
            }
            first = false;
            String cell = cut(cells[i], widths[i]);
            String padding = " ".repeat(Math.max(0, widths[i] - cell.length()));
            line.append(column.right() ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }

    /** The width of the shown columns with their gaps; {@code withoutRest} leaves a last rest column out. */
    private int total(int[] widths, boolean[] shown, boolean withoutRest) {
        int total = 0;
        boolean first = true;
        for (int i = 0; i < columns.size(); i++) {
            if (!shown[i] || (withoutRest && columns.get(i).rest())) {
                continue;
            }
            total += widths[i] + (first ? 0 : columns.get(i).gap());
            first = false;
        }
        return total;
    }

    private List<Integer> dropRanks() {
        return columns.stream().map(Column::dropRank).filter(rank -> rank > 0).distinct().sorted().toList();
    }

    private static int lastShown(boolean[] shown) {
        for (int i = shown.length - 1; i >= 0; i--) {
            if (shown[i]) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} in at most {@code width} characters, ending with "…" when cut. */
    static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        if (width <= 0) {
            return "";
        }
        return text.substring(0, width - 1) + ELLIPSIS;
    }
}

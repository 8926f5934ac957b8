package dev.datamigration.devtools.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A plain text table: columns sized to their widest cell, numbers right-aligned, colour applied after padding. */
final class TextTable {

    enum Align { LEFT, RIGHT }

    /** A cell's text and how to colour it once padded (colour codes take no width). */
    record Cell(String text, UnaryOperator<String> paint) {
        static Cell of(String text) {
            return new Cell(text, UnaryOperator.identity());
        }
    }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<List<Cell>> rows = new ArrayList<>();
    private final List<Integer> rulesBefore = new ArrayList<>();

    TextTable(List<String> headers, List<Align> aligns) {
        if (headers.size() != aligns.size()) {
            throw new IllegalArgumentException("one alignment per header: " + headers + " " + aligns);
        }
        this.headers = List.copyOf(headers);
        this.aligns = List.copyOf(aligns);
    }

    TextTable row(List<Cell> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells: " + cells);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** A rule (dashes) between the rows added so far and the next. */
    TextTable rule() {
        rulesBefore.add(rows.size());
        return this;
    }

    /**
     * The table's lines, each indented by {@code indent} and without trailing blanks; no header line when
     * {@code headerPaint} is null.
     */
    List<String> render(String indent, UnaryOperator<String> headerPaint) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headerPaint == null ? 0 : headers.get(i).length();
            for (List<Cell> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).text().length());
            }
        }
        List<String> lines = new ArrayList<>();
        if (headerPaint != null) {
            lines.add(line(indent, headers.stream().map(h -> new Cell(h, headerPaint)).toList(), widths));
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rulesBefore.contains(r)) {
                int total = 0;
                for (int width : widths) {
                    total += width;
                }
                lines.add(indent + "-".repeat(total + 2 * (widths.length - 1)));
            }
            lines.add(line(indent, rows.get(r), widths));
        }
        return lines;
    }

    private String line(String indent, List<Cell> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            String gap = " ".repeat(widths[i] - cell.text().length());
            String padded = aligns.get(i) == Align.RIGHT ? gap + cell.paint().apply(cell.text())
                    : cell.paint().apply(cell.text()) + gap;
            line.append(padded);
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }
}

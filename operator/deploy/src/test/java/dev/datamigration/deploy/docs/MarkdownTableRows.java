package dev.datamigration.deploy.docs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of the Markdown tables in a document whose first cell is a code span, keyed by that span's text. */
final class MarkdownTableRows {

    private MarkdownTableRows() {
    }

    /** Cells are trimmed; an escaped pipe (\|) inside a cell is read back as |. A key found twice fails. */
    static Map<String, List<String>> byFirstCell(String markdown) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : markdown.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String inner = line.substring(1, line.lastIndexOf('|'));
            List<String> cells = Arrays.stream(inner.split("(?<!\\\\)\\|", -1))
                    .map(c -> c.strip().replace("\\|", "|"))
                    .toList();
            String key = cells.get(0).replace("`", "");
            if (rows.put(key, cells) != null) {
                throw new AssertionError("documented twice: " + key);
            }
        }
        return rows;
    }
}

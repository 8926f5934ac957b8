package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The plain progress view: one line per migration whenever its phase, progress or message changes. */
final class LinePrinter implements ProgressView {

    private final PrintStream out;
    private final Map<String, String> last = new HashMap<>();

    LinePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(List<DataMigration> migrations) {
        for (DataMigration migration : migrations) {
            String line = line(migration);
            String key = migration.getMetadata().getNamespace() + "/" + migration.getMetadata().getName();
            if (!line.equals(last.put(key, line))) {
                out.println(line);
            }
        }
    }

    static String line(DataMigration migration) {
        DataMigrationStatus status = migration.getStatus();
        StringBuilder line = new StringBuilder(migration.getMetadata().getName());
        if (status == null || status.getPhase() == null) {
            return line.append("  Pending").toString();
        }
        line.append("  ").append(status.getPhase());
        if (status.getProgress() != null) {
            line.append("  entities ").append(status.getProgress());
        }
        if (status.getRows() != null && status.getRows().getCopied() != null) {
            line.append("  rows ").append(String.format("%,d", status.getRows().getCopied()));
        }
        if (status.getElapsed() != null) {
            line.append("  ").append(status.getElapsed());
        }
        if (status.getMessage() != null) {
            line.append("  ").append(status.getMessage());
        }
        return line.toString();
    }
}

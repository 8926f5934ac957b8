package dev.datamigration.devtools.demo;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The view for logs and pipes: a line when the phase, an app's state or the message changes, and while copying a
 * rows line at most every {@link #ROWS_EVERY}. Each line starts with the elapsed time.
 */
final class ProgressLines {

    static final Duration ROWS_EVERY = Duration.ofSeconds(5);

    private Phase phase;
    private String message;
    private final Map<String, String> apps = new HashMap<>();
    private Duration lastRows;
    private long rowsShown;

    /** The lines to print for this snapshot (none when nothing worth a line changed). */
    List<String> next(MigrationSnapshot snapshot, Duration elapsed, long rowsPerSecond) {
        String at = "[" + Durations.clock(elapsed) + "] ";
        List<String> lines = new ArrayList<>();
        if (snapshot.phase() != phase) {
            phase = snapshot.phase();
            lines.add(at + "phase " + phase);
        }
        int nameWidth = snapshot.apps().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        for (AppSnapshot app : snapshot.apps()) {
            if (app.total() == 0 && app.phase() == AppPhase.Pending) {
                continue; // not planned yet: nothing to say
            }
            String state = app.migrated() + "/" + app.total() + " entities  " + app.phase()
                    + (app.message() == null ? "" : "  " + app.message());
            if (!state.equals(apps.put(app.name(), state))) {
                lines.add(at + String.format("%-" + nameWidth + "s  ", app.name()) + state);
            }
        }
        boolean copying = snapshot.phase() == Phase.Copying;
        boolean due = lastRows == null || elapsed.minus(lastRows).compareTo(ROWS_EVERY) >= 0;
        if (copying && due && snapshot.rowsCopied() != rowsShown) {
            lastRows = elapsed;
            rowsShown = snapshot.rowsCopied();
            lines.add(at + "rows " + String.format("%,d", snapshot.rowsCopied()) + " copied  "
                    + String.format("%,d", rowsPerSecond) + " rows/s");
        }
        if (snapshot.message() != null && !Objects.equals(snapshot.message(), message)) {
            lines.add(at + snapshot.message());
        }
        message = snapshot.message();
        return lines;
    }
}

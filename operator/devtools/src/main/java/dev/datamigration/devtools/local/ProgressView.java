package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import java.util.List;

/** Shows the migrations of a local run while it goes; called about twice a second with their current state. */
@FunctionalInterface
public interface ProgressView {

    void show(List<DataMigration> migrations);

    /** Called once at the end, after the last {@link #show}. */
    default void finish(List<DataMigration> migrations) {
    }

    /** One line per migration whenever its phase, progress or message changes. */
    static ProgressView lines(java.io.PrintStream out) {
        return new LinePrinter(out);
    }
}

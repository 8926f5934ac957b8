package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.api.v1alpha1.SyncStats;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.Times;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The derived fields of {@code status.source} (two-pass cutover): the rows the catch-up pass changed (the sum of the
 * apps' sync counts, which after the switch are the catch-up Jobs' own), and the downtime once the catch-up has
 * ended: from {@code stoppedAt} to the time the Copied condition left Unknown (succeeded, failed or interrupted).
 * Derived from the conditions rather than from the reconcile's clock, so it is the same whenever it is computed and
 * never ticks (no status write only for it).
 */
final class CutoverStatus {

    private CutoverStatus() {
    }

    static void apply(DataMigrationStatus status, Conditions conditions) {
        SourceStatus source = status.getSource();
        if (source == null || source.getStoppedAt() == null) {
            return;
        }
        source.setCatchUpRows(catchUpRows(status.getApps() == null ? List.of() : status.getApps()));
        Optional<Condition> copied = conditions.get(ConditionType.Copied);
        if (copied.isPresent() && !Conditions.UNKNOWN.equals(copied.get().getStatus())
                && copied.get().getLastTransitionTime() != null) {
            Duration downtime = Duration.between(Times.parse(source.getStoppedAt()),
                    Times.parse(copied.get().getLastTransitionTime()));
            source.setDowntime(Times.elapsed(downtime));
        }
    }

    /** Rows inserted, updated and deleted over the apps' sync counts (after the switch: the catch-up Jobs'). */
    static long catchUpRows(List<AppStatus> apps) {
        long rows = 0;
        for (AppStatus app : apps) {
            SyncStats sync = app.getSync();
            if (sync != null) {
                rows += value(sync.getRowsInserted()) + value(sync.getRowsUpdated()) + value(sync.getRowsDeleted());
            }
        }
        return rows;
    }

    private static long value(Long count) {
        return count == null ? 0 : count;
    }
}

package dev.datamigration.controller.progress;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.EntityCounts;
import dev.datamigration.api.v1alpha1.RowCounts;
import java.util.List;

/** Sums the per-app entries into the run totals and the printer column "migrated/total". */
public final class Totals {

    private Totals() {
    }

    /** Writes entities, rows.copied and progress; rows.estimated (from the plan) is left as it is. */
    public static void apply(DataMigrationStatus status) {
        List<AppStatus> apps = status.getApps() == null ? List.of() : status.getApps();
        int total = 0;
        int migrated = 0;
        int failed = 0;
        long rows = 0;
        for (AppStatus app : apps) {
            EntityCounts counts = app.getEntities();
            if (counts != null) {
                total += counts.getTotal() == null ? 0 : counts.getTotal();
                migrated += counts.getMigrated() == null ? 0 : counts.getMigrated();
                failed += counts.getFailed() == null ? 0 : counts.getFailed();
            }
            rows += app.getRows() == null ? 0 : app.getRows();
        }
        status.setEntities(AppProgress.counts(total, migrated, failed));
        RowCounts rowCounts = new RowCounts();
        rowCounts.setCopied(rows);
        rowCounts.setEstimated(status.getRows() == null ? null : status.getRows().getEstimated());
        status.setRows(rowCounts);
        status.setProgress(migrated + "/" + total);
    }
}

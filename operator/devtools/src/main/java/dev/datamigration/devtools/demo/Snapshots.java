package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.EntityCounts;
import dev.datamigration.api.v1alpha1.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Joins a DataMigration's status with its Jobs' progress documents into what the demo shows. */
final class Snapshots {

    private Snapshots() {
    }

    /**
     * @param migration the DataMigration as the API server has it now
     * @param progress  the progress document of each app's Job, by app name (apps without one yet are absent)
     */
    static MigrationSnapshot of(DataMigration migration, Map<String, Progress> progress) {
        DataMigrationStatus status = migration.getStatus();
        Phase phase = status == null || status.getPhase() == null ? Phase.Pending : status.getPhase();
        List<AppSnapshot> apps = new ArrayList<>();
        if (status != null && status.getApps() != null && !status.getApps().isEmpty()) {
            for (AppStatus app : status.getApps()) {
                apps.add(app(app, progress.get(app.getName())));
            }
        } else {
            // before planning the status names no apps yet: show the requested ones, pending
            for (String name : migration.getSpec().getApps()) {
                apps.add(new AppSnapshot(name, AppPhase.Pending, 0, 0, List.of(), null));
            }
        }
        long fromJobs = apps.stream().mapToLong(AppSnapshot::copiedRows).sum();
        long fromStatus = status == null || status.getRows() == null || status.getRows().getCopied() == null
                ? 0 : status.getRows().getCopied();
        Long estimated = status == null || status.getRows() == null ? null : status.getRows().getEstimated();
        return new MigrationSnapshot(migration.getMetadata().getName(),
                migration.getSpec().getSource().getEnvironment(), migration.getSpec().getTarget().getEnvironment(),
                phase, apps, Math.max(fromJobs, fromStatus), estimated,
                status == null ? null : status.getElapsed(), status == null ? null : status.getMessage());
    }

    private static AppSnapshot app(AppStatus app, Progress progress) {
        EntityCounts counts = app.getEntities();
        List<EntityProgress> entities = progress == null || progress.getEntities() == null
                ? List.of() : progress.getEntities();
        int total = counts == null || counts.getTotal() == null ? entities.size() : counts.getTotal();
        int migrated = counts == null || counts.getMigrated() == null ? 0 : counts.getMigrated();
        AppPhase phase = app.getPhase() == null ? AppPhase.Pending : app.getPhase();
        return new AppSnapshot(app.getName(), phase, migrated, total, entities, app.getMessage());
    }
}

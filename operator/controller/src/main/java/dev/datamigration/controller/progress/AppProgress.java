package dev.datamigration.controller.progress;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.EntityCounts;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one app's plan entry, Job outcome and progress document into its {@code status.apps[]} entry: counts,
 * rows, the names of the migrated (copied and verified) entities, and a message naming the failing entity.
 * <p>
 * Rows count once their entity's transaction has committed: the {@code copiedRows} of entities {@code Copied},
 * {@code Verified} or {@code Failed} (the copier gives a failed load, which rolled back, 0; a failed verification
 * keeps its committed rows). A load in progress ({@code Copying}) counts nothing yet, however far it has got.
 */
public final class AppProgress {

    /** Entity states whose {@code copiedRows} are committed in the target. */
    private static final Set<EntityState> COMMITTED = EnumSet.of(EntityState.Copied, EntityState.Verified,
            EntityState.Failed);

    private AppProgress() {
    }

    /** An app the plan scheduled and no Job has started yet. */
    public static AppStatus pending(PlannedApp planned, String job) {
        AppStatus app = new AppStatus();
        app.setName(planned.getName());
        app.setPhase(AppPhase.Pending);
        app.setJob(job);
        app.setWave(planned.getWave() == null ? 0 : planned.getWave());
        app.setEntities(counts(plannedEntities(planned), 0, 0));
        app.setRows(0L);
        app.setMigratedEntities(List.of());
        app.setMaskedAttributes(planned.getMaskedAttributes() == null ? null
                : List.copyOf(planned.getMaskedAttributes()));
        return app;
    }

    /**
     * The app's state from its Job and progress. {@code previous} is the entry last written: progress never goes
     * backwards when the ConfigMap is momentarily missing from the cache.
     */
    public static AppStatus observe(AppStatus previous, JobOutcome outcome, Progress progress) {
        AppStatus app = copyOf(previous);
        if (progress != null && progress.getEntities() != null) {
            List<EntityProgress> entities = progress.getEntities();
            List<String> migrated = entities.stream().filter(e -> e.getState() == EntityState.Verified)
                    .map(EntityProgress::getName).toList();
            int failed = (int) entities.stream().filter(e -> e.getState() == EntityState.Failed).count();
            int total = Math.max(previous.getEntities() == null || previous.getEntities().getTotal() == null ? 0
                    : previous.getEntities().getTotal(), entities.size());
            app.setEntities(counts(total, migrated.size(), failed));
            app.setMigratedEntities(migrated);
            // Committed rows never go away within a Job: a retried pod starts its document afresh (every entity
            // Pending) and re-reports the entities earlier attempts committed only once it has read its checkpoint.
            long before = previous.getRows() == null ? 0 : previous.getRows();
            app.setRows(Math.max(before, committedRows(entities)));
            app.setSync(SyncTotals.atLeast(previous.getSync(), SyncTotals.sum(entities)));
        }
        switch (outcome.state()) {
            case Running -> {
                app.setPhase(AppPhase.Running);
                app.setMessage(null);
            }
            case Succeeded -> {
                app.setPhase(AppPhase.Succeeded);
                app.setMessage(null);
            }
            case Failed -> {
                app.setPhase(AppPhase.Failed);
                app.setMessage(failure(outcome, progress));
            }
        }
        return app;
    }

    /** The rows of the entities whose load has committed. */
    static long committedRows(List<EntityProgress> entities) {
        return entities.stream().filter(e -> COMMITTED.contains(e.getState())).map(EntityProgress::getCopiedRows)
                .filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }

    /** Why an app failed: the failing entity and its cause when the copier said so, else the Job's reason. */
    static String failure(JobOutcome outcome, Progress progress) {
        if (progress != null && progress.getEntities() != null) {
            for (EntityProgress entity : progress.getEntities()) {
                if (entity.getState() == EntityState.Failed) {
                    String cause = entity.getMessage() != null ? entity.getMessage() : progress.getMessage();
                    return "entity " + entity.getName() + (cause == null ? " failed" : ": " + cause);
                }
            }
        }
        if (progress != null && progress.getMessage() != null) {
            return progress.getMessage();
        }
        return outcome.message();
    }

    public static AppStatus copyOf(AppStatus source) {
        AppStatus app = new AppStatus();
        app.setName(source.getName());
        app.setPhase(source.getPhase());
        app.setJob(source.getJob());
        app.setWave(source.getWave());
        app.setOdcApp(source.getOdcApp());
        if (source.getEntities() != null) {
            app.setEntities(counts(source.getEntities().getTotal(), source.getEntities().getMigrated(),
                    source.getEntities().getFailed()));
        }
        app.setRows(source.getRows());
        app.setMigratedEntities(source.getMigratedEntities() == null ? null : List.copyOf(source.getMigratedEntities()));
        app.setMaskedAttributes(source.getMaskedAttributes() == null ? null
                : List.copyOf(source.getMaskedAttributes()));
        app.setMessage(source.getMessage());
        app.setSync(SyncTotals.copyOf(source.getSync()));
        return app;
    }

    private static int plannedEntities(PlannedApp planned) {
        return planned.getEntities() == null ? 0 : planned.getEntities().size();
    }

    static EntityCounts counts(Integer total, Integer migrated, Integer failed) {
        EntityCounts counts = new EntityCounts();
        counts.setTotal(total);
        counts.setMigrated(migrated);
        counts.setFailed(failed);
        return counts;
    }
}

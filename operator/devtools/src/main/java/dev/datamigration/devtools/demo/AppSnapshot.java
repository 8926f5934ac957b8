package dev.datamigration.devtools.demo;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.v1alpha1.AppPhase;
import java.util.List;

/**
 * One application of a migration as the demo shows it: the operator's counts from the status, plus the copier's
 * per-entity progress from the Job's progress ConfigMap (empty until the Job has written it).
 *
 * @param name     application name
 * @param phase    the app's phase in the status
 * @param migrated entities copied and verified
 * @param total    entities in scope
 * @param entities per-entity progress in copy order
 * @param message  why it failed, or null
 */
public record AppSnapshot(String name, AppPhase phase, int migrated, int total, List<EntityProgress> entities,
        String message) {

    public AppSnapshot {
        entities = List.copyOf(entities);
    }

    /** Rows written so far over all entities of the app. */
    public long copiedRows() {
        return entities.stream().mapToLong(e -> e.getCopiedRows() == null ? 0 : e.getCopiedRows()).sum();
    }
}

package dev.datamigration.engine.copy;

import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.sync.SyncCounts;
import java.util.List;

/**
 * Receives the progress of one app's copy. Called on the copying thread; implementations must be quick (throttle any
 * I/O). Every method has a no-op default. Entity order: started -> rows* -> copied -> verified, or failed at any point.
 * An entity found verified in the checkpoint is reported with {@link #entityVerified} only, one found copied (loaded
 * and committed by an earlier run, not verified yet) with {@link #entityCopied} (0 ms), then verified or failed.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** The app's entities in load order, before anything is written. */
    default void appStarted(String app, List<EntityPlan> entities) {
    }

    default void entityStarted(EntityPlan entity, long sourceRows) {
    }

    /**
     * Rows sent so far in the current load (reported about every batch), before its transaction commits: the load
     * may still fail and roll them back. {@link #entityCopied} gives the committed count.
     */
    default void rowsCopied(EntityPlan entity, long rows) {
    }

    default void entityCopied(EntityPlan entity, long rows, long millis) {
    }

    /**
     * What an existingData Sync of the entity changed, once its transaction committed (before
     * {@link #entityCopied}).
     */
    default void entitySynced(EntityPlan entity, SyncCounts counts) {
    }

    default void entityVerified(EntityPlan entity, long rows, String hash, long millis) {
    }

    default void entityFailed(EntityPlan entity, String message) {
    }

    /** Something the user should know that did not stop the copy. */
    default void warning(String message) {
    }

    /** The end: success, or the failure message. */
    default void appFinished(String app, boolean succeeded, String message) {
    }
}

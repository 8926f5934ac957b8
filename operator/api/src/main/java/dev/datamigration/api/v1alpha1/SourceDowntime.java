package dev.datamigration.api.v1alpha1;

/** What happens to the source environment during the run. */
public enum SourceDowntime {
    /** No downtime: changes made in the source during the run are not copied. */
    KeepRunning,
    /** Stop the source environment for the run (O11: maintenance mode). It is not restarted automatically. */
    StopEnvironment,
    /**
     * Two-pass cutover: the bulk copy runs while the source keeps running (read snapshot), then the source environment
     * is stopped (as with StopEnvironment, not restarted automatically) and a catch-up pass with existingData Sync
     * brings the target to exactly the stopped source. Needs a target where Sync is supported.
     */
    StopAfterCopy
}

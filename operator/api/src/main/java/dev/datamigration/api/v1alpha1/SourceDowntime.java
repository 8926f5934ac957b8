package dev.datamigration.api.v1alpha1;

/** What happens to the source environment during the run. */
public enum SourceDowntime {
    /** No downtime: changes made in the source during the run are not copied. */
    KeepRunning,
    /** Stop the source environment for the run (O11: maintenance mode). It is not restarted automatically. */
    StopEnvironment
}

package dev.datamigration.api.v1alpha1;

/** A platform side effect of a run. */
public enum PlatformAction {
    /** Stop the source environment (spec.source.downtime StopEnvironment; O11: maintenance mode on). */
    StopEnvironment,
    /** Undeploy one target app (spec.target.downtime UndeployApps; O11: the target environment's maintenance mode). */
    Undeploy,
    /** Deploy an undeployed target app again, in Restoring. */
    Redeploy
}

package dev.datamigration.api.v1alpha1;

/** What happens to the target apps during the run. */
public enum TargetDowntime {
    /** Target apps stay deployed; end users may change data that the copy then overwrites. */
    KeepDeployed,
    /** Undeploy the target apps for the run and redeploy them afterwards, also after a failure or cancel. */
    UndeployApps
}

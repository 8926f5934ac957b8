package dev.datamigration.api.v1alpha1;

/** Where a platform operation of the run stands. */
public enum PlatformOperationState {
    /** Recorded before the call; whether the platform got the call is not known yet. */
    Requested,
    /** The platform accepted the call; its operation is polled by its key. */
    Running,
    Succeeded,
    Failed
}

package dev.datamigration.api.task;

/** The state of one entity in a copy. */
public enum EntityState {
    Pending,
    Copying,
    Copied,
    Verified,
    Failed
}

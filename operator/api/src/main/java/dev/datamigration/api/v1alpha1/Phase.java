package dev.datamigration.api.v1alpha1;

/** The phase of a DataMigration, derived from its conditions. */
public enum Phase {
    Pending,
    Validating,
    Planning,
    Quiescing,
    Copying,
    Restoring,
    Succeeded,
    Failed,
    Cancelled;

    /** A terminal phase is never left. */
    public boolean isTerminal() {
        return this == Succeeded || this == Failed || this == Cancelled;
    }
}

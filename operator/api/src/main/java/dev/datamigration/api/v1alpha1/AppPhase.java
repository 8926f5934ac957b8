package dev.datamigration.api.v1alpha1;

/** The phase of one application's copy Job. */
public enum AppPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled;

    public boolean isTerminal() {
        return this == Succeeded || this == Failed || this == Cancelled;
    }
}

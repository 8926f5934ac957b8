package dev.datamigration.api.task;

/** The two kinds of Job the operator runs. */
public enum TaskKind {
    /** Read-only: catalogs, model consistency, order, estimates. */
    Plan,
    /** Copy one application's data. */
    Copy
}

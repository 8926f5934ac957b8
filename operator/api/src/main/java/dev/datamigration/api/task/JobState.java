package dev.datamigration.api.task;

/** Overall state of a plan or copy Job as the copier reports it. */
public enum JobState {
    Pending,
    /** Connected to both databases, reading nothing until the operator releases it (a task with awaitRelease). */
    Waiting,
    Running,
    Succeeded,
    Failed
}

package dev.datamigration.api.task;

/** Overall state of a plan or copy Job as the copier reports it. */
public enum JobState {
    Pending,
    Running,
    Succeeded,
    Failed
}

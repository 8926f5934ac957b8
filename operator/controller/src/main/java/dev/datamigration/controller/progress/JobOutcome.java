package dev.datamigration.controller.progress;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;

/**
 * What a Job's own status says: still running, succeeded, or failed (with the Job controller's reason, e.g.
 * BackoffLimitExceeded, PodFailurePolicy, DeadlineExceeded).
 */
public record JobOutcome(State state, String message) {

    public enum State {
        Running,
        Succeeded,
        Failed
    }

    public static JobOutcome of(Job job) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        for (JobCondition condition : conditions) {
            if (!"True".equals(condition.getStatus())) {
                continue;
            }
            if ("Failed".equals(condition.getType())) {
                String reason = condition.getReason() == null ? "Failed" : condition.getReason();
                String message = condition.getMessage() == null ? "" : ": " + condition.getMessage();
                return new JobOutcome(State.Failed, "Job " + job.getMetadata().getName() + " failed (" + reason + ")"
                        + message);
            }
            if ("Complete".equals(condition.getType())) {
                return new JobOutcome(State.Succeeded, null);
            }
        }
        return new JobOutcome(State.Running, null);
    }

    public boolean isDone() {
        return state != State.Running;
    }
}

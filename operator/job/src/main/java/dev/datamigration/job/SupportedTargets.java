package dev.datamigration.job;

import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.Platform;

/**
 * Refuses, before any read or write, the targets the copier cannot yet handle, with a message that says so: a task
 * whose plan would otherwise fail on a confusing symptom (an ODC stage has no O11 metamodel to plan against).
 */
final class SupportedTargets {

    private SupportedTargets() {
    }

    public static void require(JobTask task) {
        if (task.getTarget() != null && task.getTarget().getPlatform() == Platform.ODC) {
            throw new TaskException("target platform ODC is not supported yet: the copier cannot map O11 entities to"
                    + " an ODC stage's tables (planned; see docs/user-guide.md section 8). Nothing was read or"
                    + " written, and nothing was stopped or undeployed");
        }
    }
}

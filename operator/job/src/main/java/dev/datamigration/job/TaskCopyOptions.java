package dev.datamigration.job;

import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.SqlServerLoad;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.dialect.LoadPath;

/**
 * The engine's {@link CopyOptions} of a copy task: the spec's enums mapped to the engine's, the copier settings
 * defaulted and range-checked with the bounds of {@link CopierLimits} (the ones the CRD and the operator's validator
 * use), and the masking rules with their key. A value out of range is bad input: a {@link TaskException}.
 */
public final class TaskCopyOptions {

    private TaskCopyOptions() {
    }

    public static CopyOptions of(JobTask task) {
        UnmatchedUsers unmatched = task.getUsers() == null ? UnmatchedUsers.Fail : task.getUsers().getUnmatched();
        CopyOptions.UnmatchedUsers policy = switch (unmatched) {
            case Fail -> CopyOptions.UnmatchedUsers.FAIL;
            case SetNull -> CopyOptions.UnmatchedUsers.SET_NULL;
            case Create -> CopyOptions.UnmatchedUsers.CREATE;
        };
        int batch = task.getBatchSize() == null ? CopierLimits.BATCH_SIZE_DEFAULT : task.getBatchSize();
        if (batch < CopierLimits.BATCH_SIZE_JOB_MIN) {
            throw new TaskException("batchSize must be at least " + CopierLimits.BATCH_SIZE_JOB_MIN + ", not "
                    + batch);
        }
        int streams = within("streams", task.getStreams(), CopierLimits.STREAMS_DEFAULT, CopierLimits.STREAMS_MIN,
                CopierLimits.STREAMS_MAX);
        int entities = within("concurrentEntities", task.getConcurrentEntities(),
                CopierLimits.CONCURRENT_ENTITIES_DEFAULT, CopierLimits.CONCURRENT_ENTITIES_MIN,
                CopierLimits.CONCURRENT_ENTITIES_MAX);
        LoadPath sqlServerLoad = task.getSqlServerLoad() == SqlServerLoad.BatchInsert ? LoadPath.BATCH_INSERT
                : LoadPath.BULK_COPY;
        return new CopyOptions(task.getExistingData() != ExistingData.Append,
                task.getIdentity() != IdentityMode.Remap, policy, batch, streams, entities, TaskMasking.of(task),
                sqlServerLoad, task.getExistingData() == ExistingData.Sync);
    }

    private static int within(String name, Integer value, int defaultValue, int min, int max) {
        int v = value == null ? defaultValue : value;
        if (v < min || v > max) {
            throw new TaskException(name + " must be " + CopierLimits.between(min, max) + ", not " + v);
        }
        return v;
    }
}

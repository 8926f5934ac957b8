package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.engine.CopyRequest;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CheckpointStore;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.copy.FileCheckpointStore;
import dev.datamigration.engine.copy.InMemoryCheckpointStore;
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.job.users.OdcEndUsers;
import dev.datamigration.job.users.UsersResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A copy Job: copies one application of a task, verifies every entity and resumes from its checkpoint. Progress goes
 * to the progress file and/or the task's progress ConfigMap, the checkpoint to a file, the ConfigMap, or memory (in
 * that order of preference). Returns the Job's exit code: 0 done, 2 permanent failure (bad input, model or
 * verification mismatch, unmatched users), 1 transient (a retry resumes). An unsupported target and unreadable
 * credentials are refused before any database connection. A task with {@code awaitRelease} connects, then waits for
 * the operator's release ({@link ReleaseWait}): first it checks, without writing, what the copy would refuse
 * ({@link Engine#check}: the plan, users, tenants), so that such a failure comes before the source is stopped; then it
 * reads nothing until released; a connection that ended while it waited is opened again
 * ({@link JobConnections#reconnectLost}).
 */
public final class CopyJob {

    private final Supplier<Optional<KubernetesClient>> kubernetes;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param kubernetes a client for the progress ConfigMap, when the environment has one
     * @param out        where the result line goes
     * @param err        failures and warnings
     */
    public CopyJob(Supplier<Optional<KubernetesClient>> kubernetes, PrintStream out, PrintStream err) {
        this.kubernetes = kubernetes;
        this.out = out;
        this.err = err;
    }

    /**
     * @param taskSource     the task (reading it may fail with bad input: reported like any other failure)
     * @param progressFile   also write progress.json here (may be null)
     * @param checkpointFile keep the checkpoint in this file instead of the progress ConfigMap (may be null)
     */
    public int run(Supplier<JobTask> taskSource, Path progressFile, Path checkpointFile) {
        JobTask task;
        try {
            task = taskSource.get();
        } catch (RuntimeException e) {
            report(e);
            return ExitCodes.of(e);
        }
        JobSinks sinks = new JobSinks(task, progressFile, null, kubernetes);
        ProgressReporter progress = new ProgressReporter(task.getApp(), sinks.all(), Clock.systemUTC(),
                Duration.ofSeconds(2), err);
        OdcMapping odcMapping;
        try {
            odcMapping = TaskOdcMapping.of(task);
        } catch (TaskException e) {
            report(e);
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
        try (JobConnections db = JobConnections.open(task)) {
            CheckpointStore checkpoints = checkpointFile != null ? new FileCheckpointStore(checkpointFile)
                    : sinks.configMap().<CheckpointStore>map(ConfigMapCheckpointStore::new)
                    .orElseGet(InMemoryCheckpointStore::new);
            if (Boolean.TRUE.equals(task.getAwaitRelease())) {
                // started before the source environment stops: connected and checked, then reading nothing until
                // released; what the copy would refuse (the model, users, tenants) fails the run before the stop
                ReleaseWait release = ReleaseWait.of(task, kubernetes.get());
                Engine.check(request(task, db, checkpoints, progress, odcMapping));
                String waiting = "checked and connected; waiting for the operator's release (it stops the source"
                        + " environment first)";
                err.println(waiting);
                progress.waiting(waiting);
                err.println("released at " + release.await());
                for (String side : db.reconnectLost()) {
                    err.println("the " + side + " connection ended while the Job waited; connected again");
                }
            }
            CopyRequest request = request(task, db, checkpoints, progress, odcMapping);
            if (OdcEndUsers.applies(task)) {
                // before the app's entities load: user references hold ODC user keys (created first with Create)
                UsersResolver.Result users = OdcEndUsers.resolve(task, db.source(), kubernetes.get());
                progress.users(users.counts());
                request = request.withOdcUserKeys(users.keys());
            }
            CopyResult result = Engine.copy(request);
            long rows = result.entities().stream().mapToLong(CopyResult.EntityResult::rows).sum();
            out.printf("copied %s: %d entities, %,d rows, all verified%n", result.app(), result.entities().size(),
                    rows);
            return Contracts.EXIT_OK;
        } catch (Exception e) {
            report(e);
            // the engine reports an app failure itself; anything it did not report is recorded here
            if (progress.progress().getState() != JobState.Failed) {
                progress.failed(e.getMessage());
            }
            return ExitCodes.of(e);
        }
    }

    /** The copy of the task's app on the Job's connections (the connections of the moment: see reconnectLost). */
    private static CopyRequest request(JobTask task, JobConnections db, CheckpointStore checkpoints,
                                       ProgressReporter progress, OdcMapping odcMapping) {
        return CopyRequest.of(db.source(), db.target(), task.getApps(), task.getApp())
                .withOptions(TaskCopyOptions.of(task)).withCheckpoints(checkpoints).withListener(progress)
                .withConnections(db.sourceConnections(), db.targetConnections()).withOdcMapping(odcMapping);
    }

    private void report(Exception e) {
        err.println("copy failed: " + e.getMessage());
    }
}

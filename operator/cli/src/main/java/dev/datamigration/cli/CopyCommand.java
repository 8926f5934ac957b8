package dev.datamigration.cli;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.IdentityMode;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.cli.copy.ConfigMapCheckpointStore;
import dev.datamigration.cli.copy.ExitCodes;
import dev.datamigration.cli.copy.JobConnections;
import dev.datamigration.cli.copy.JobSinks;
import dev.datamigration.cli.copy.KubernetesAccess;
import dev.datamigration.cli.copy.ProgressReporter;
import dev.datamigration.cli.copy.SupportedTargets;
import dev.datamigration.cli.copy.TaskException;
import dev.datamigration.cli.copy.TaskMasking;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.copy.CheckpointStore;
import dev.datamigration.engine.copy.CopyOptions;
import dev.datamigration.engine.copy.CopyResult;
import dev.datamigration.engine.copy.FileCheckpointStore;
import dev.datamigration.engine.copy.InMemoryCheckpointStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Copies one application (a copy Job's entry point). */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy one application's data, verify every entity, resume from the checkpoint. Exit 0 done,"
                + " 2 permanent failure (bad input, model mismatch, verification mismatch, unmatched users),"
                + " 1 transient failure (retry resumes).")
public final class CopyCommand extends JobCommand implements Callable<Integer> {

    @Option(names = "--app", paramLabel = "APP", description = "the application to copy")
    String app;

    @Option(names = "--checkpoint-file", paramLabel = "FILE",
            description = "checkpoint file (default: the progress ConfigMap when there is one, else none)")
    Path checkpointFile;

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "rows per batch (overrides the task)")
    Integer batchSize;

    public CopyCommand() {
        this(KubernetesAccess::fromEnvironment, System.out, System.err);
    }

    public CopyCommand(Supplier<Optional<KubernetesClient>> kubernetes, PrintStream out, PrintStream err) {
        super(kubernetes, out, err);
    }

    @Override
    public Integer call() {
        JobTask task;
        try {
            task = options.effectiveTask(TaskKind.Copy, app);
        } catch (RuntimeException e) {
            err.println("copy failed: " + e.getMessage());
            return ExitCodes.of(e);
        }
        JobSinks sinks = new JobSinks(task, options.progressFile(), null, kubernetes);
        ProgressReporter progress = new ProgressReporter(task.getApp(), sinks.all(), Clock.systemUTC(),
                Duration.ofSeconds(2), err);
        try {
            SupportedTargets.require(task);
        } catch (TaskException e) {
            err.println("copy failed: " + e.getMessage());
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
        try (JobConnections db = JobConnections.open(task)) {
            CheckpointStore checkpoints = checkpointFile != null ? new FileCheckpointStore(checkpointFile)
                    : sinks.configMap().<CheckpointStore>map(ConfigMapCheckpointStore::new)
                    .orElseGet(InMemoryCheckpointStore::new);
            CopyResult result = Engine.copy(db.source(), db.target(), task.getApps(), task.getApp(),
                    copyOptions(task), checkpoints, progress, db.sourceConnections(), db.targetConnections());
            long rows = result.entities().stream().mapToLong(CopyResult.EntityResult::rows).sum();
            out.printf("copied %s: %d entities, %,d rows, all verified%n", result.app(), result.entities().size(),
                    rows);
            return Contracts.EXIT_OK;
        } catch (Exception e) {
            err.println("copy failed: " + e.getMessage());
            if (progress.progress().getState() != dev.datamigration.api.task.JobState.Failed) {
                progress.failed(e.getMessage());
            }
            return ExitCodes.of(e);
        }
    }

    private CopyOptions copyOptions(JobTask task) {
        UnmatchedUsers unmatched = task.getUsers() == null ? UnmatchedUsers.Fail : task.getUsers().getUnmatched();
        CopyOptions.UnmatchedUsers policy = switch (unmatched) {
            case Fail -> CopyOptions.UnmatchedUsers.FAIL;
            case SetNull -> CopyOptions.UnmatchedUsers.SET_NULL;
            case Create -> CopyOptions.UnmatchedUsers.CREATE;
        };
        int batch = batchSize != null ? batchSize : task.getBatchSize() == null ? 10_000 : task.getBatchSize();
        if (batch < 1) {
            throw new TaskException("batchSize must be at least 1, not " + batch);
        }
        int streams = task.getStreams() == null ? 1 : task.getStreams();
        if (streams < 1 || streams > 8) {
            throw new TaskException("streams must be between 1 and 8, not " + streams);
        }
        int entities = task.getConcurrentEntities() == null ? 1 : task.getConcurrentEntities();
        if (entities < 1 || entities > 8) {
            throw new TaskException("concurrentEntities must be between 1 and 8, not " + entities);
        }
        return new CopyOptions(task.getExistingData() != ExistingData.Append,
                task.getIdentity() != IdentityMode.Remap, policy, batch, streams, entities, TaskMasking.of(task));
    }
}

package dev.datamigration.cli;

import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.job.CopyJob;
import dev.datamigration.job.KubernetesAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Copies one application (a copy Job's entry point): the arguments of a {@link CopyJob}. */
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
        return new CopyJob(kubernetes, out, err).run(this::task, options.progressFile(), checkpointFile);
    }

    private JobTask task() {
        JobTask task = options.effectiveTask(TaskKind.Copy, app);
        if (batchSize != null) {
            task.setBatchSize(batchSize);
        }
        return task;
    }
}

package dev.datamigration.cli;

import dev.datamigration.api.task.TaskKind;
import dev.datamigration.job.KubernetesAccess;
import dev.datamigration.job.PlanJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Read-only plan (a plan Job's entry point): the arguments of a {@link PlanJob}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan a migration (read-only): prints a summary and writes plan.json. Exit 0 ok, 2 plan errors"
                + " or bad input, 1 transient failure.")
public final class PlanCommand extends JobCommand implements Callable<Integer> {

    @Option(names = "--plan-file", paramLabel = "FILE", description = "write plan.json here")
    Path planFile;

    public PlanCommand() {
        this(KubernetesAccess::fromEnvironment, System.out, System.err);
    }

    public PlanCommand(Supplier<Optional<KubernetesClient>> kubernetes, PrintStream out, PrintStream err) {
        super(kubernetes, out, err);
    }

    @Override
    public Integer call() {
        return new PlanJob(kubernetes, out, err).run(() -> options.effectiveTask(TaskKind.Plan, null),
                options.progressFile(), planFile);
    }
}

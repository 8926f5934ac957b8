package dev.datamigration.cli;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.cli.copy.ExitCodes;
import dev.datamigration.cli.copy.JobConnections;
import dev.datamigration.cli.copy.JobSinks;
import dev.datamigration.cli.copy.KubernetesAccess;
import dev.datamigration.cli.copy.PlanReports;
import dev.datamigration.cli.copy.ProgressReporter;
import dev.datamigration.cli.copy.ProgressSink;
import dev.datamigration.cli.copy.SupportedTargets;
import dev.datamigration.cli.copy.TaskException;
import dev.datamigration.cli.copy.TaskFiles;
import dev.datamigration.cli.copy.TaskMasking;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.plan.Plan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Read-only plan: both catalogs, model consistency, entity order, app waves, row estimates -> plan.json. */
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
        JobTask task;
        try {
            task = options.effectiveTask(TaskKind.Plan, null);
        } catch (RuntimeException e) {
            err.println("plan failed: " + e.getMessage());
            return ExitCodes.of(e);
        }
        JobSinks sinks = new JobSinks(task, options.progressFile(), planFile, kubernetes);
        ProgressReporter progress = new ProgressReporter(null, sinks.all(), Clock.systemUTC(), Duration.ofSeconds(2),
                err);
        try {
            SupportedTargets.require(task);
        } catch (TaskException e) {
            err.println("plan failed: " + e.getMessage());
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
        try (JobConnections db = JobConnections.open(task)) {
            Plan plan = Engine.plan(db.source(), db.target(), task.getApps(), TaskMasking.of(task));
            out.print(PlanReports.summary(plan));
            String json = TaskFiles.toJson(PlanReports.toReport(plan));
            for (ProgressSink sink : sinks.all()) {
                sink.write(Map.of(Contracts.PLAN_KEY, json));
            }
            if (plan.ok()) {
                progress.appFinished(null, true, null);
                return Contracts.EXIT_OK;
            }
            progress.failed("plan has " + plan.errors().size() + " error(s): " + String.join("; ", plan.errors()));
            return Contracts.EXIT_PERMANENT;
        } catch (Exception e) {
            err.println("plan failed: " + e.getMessage());
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
    }
}

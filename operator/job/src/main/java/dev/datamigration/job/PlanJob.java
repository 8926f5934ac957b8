package dev.datamigration.job;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.engine.Engine;
import dev.datamigration.engine.odc.OdcMapping;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.job.users.OdcEndUsers;
import dev.datamigration.job.users.UsersPlanCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A plan Job (read-only): both catalogs, model consistency, entity order, app waves, row estimates. Prints a summary,
 * writes plan.json to the plan file and/or the task's progress ConfigMap, and progress.json with the outcome. Returns
 * the Job's exit code: 0 plan OK, 2 plan errors or bad input, 1 transient failure.
 */
public final class PlanJob {

    private final Supplier<Optional<KubernetesClient>> kubernetes;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param kubernetes a client for the progress ConfigMap, when the environment has one
     * @param out        where the plan summary goes
     * @param err        failures and warnings
     */
    public PlanJob(Supplier<Optional<KubernetesClient>> kubernetes, PrintStream out, PrintStream err) {
        this.kubernetes = kubernetes;
        this.out = out;
        this.err = err;
    }

    /**
     * @param taskSource   the task (reading it may fail with bad input: reported like any other failure)
     * @param progressFile also write progress.json here (may be null)
     * @param planFile     also write plan.json here (may be null)
     */
    public int run(Supplier<JobTask> taskSource, Path progressFile, Path planFile) {
        JobTask task;
        try {
            task = taskSource.get();
        } catch (RuntimeException e) {
            report(e);
            return ExitCodes.of(e);
        }
        JobSinks sinks = new JobSinks(task, progressFile, planFile, kubernetes);
        ProgressReporter progress = new ProgressReporter(null, sinks.all(), Clock.systemUTC(), Duration.ofSeconds(2),
                err);
        OdcMapping odcMapping;
        try {
            odcMapping = TaskOdcMapping.of(task);
        } catch (TaskException e) {
            report(e);
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
        try (JobConnections db = JobConnections.open(task)) {
            Plan plan = odcMapping == null
                    ? Engine.plan(db.source(), db.target(), task.getApps(), TaskMasking.of(task))
                    : Engine.planOdc(db.source(), db.target(), task.getApps(), TaskMasking.of(task), odcMapping);
            out.print(PlanReports.summary(plan));
            PlanReport report = PlanReports.toReport(plan);
            List<String> errors = new ArrayList<>(plan.errors());
            if (OdcEndUsers.applies(task)) {
                // read-only: e-mails checked and users matched before any downtime, without any platform write
                UsersPlanCheck.Result users = OdcEndUsers.plan(task, db.source());
                errors.addAll(users.errors());
                report.setErrors(List.copyOf(errors));
                report.setUsers(users.counts());
                out.print(PlanReports.usersSummary(users));
            }
            String json = TaskFiles.toJson(report);
            for (ProgressSink sink : sinks.all()) {
                sink.write(Map.of(Contracts.PLAN_KEY, json));
            }
            if (errors.isEmpty()) {
                progress.appFinished(null, true, null);
                return Contracts.EXIT_OK;
            }
            progress.failed("plan has " + errors.size() + " error(s): " + String.join("; ", errors));
            return Contracts.EXIT_PERMANENT;
        } catch (Exception e) {
            report(e);
            progress.failed(e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private void report(Exception e) {
        err.println("plan failed: " + e.getMessage());
    }
}

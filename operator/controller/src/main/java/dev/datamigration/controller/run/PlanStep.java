package dev.datamigration.controller.run;

import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.RowCounts;
import dev.datamigration.controller.jobs.TaskFactory;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.progress.AppProgress;
import dev.datamigration.controller.progress.JobOutcome;
import dev.datamigration.controller.platform.TargetApps;
import dev.datamigration.controller.progress.ProgressReader;
import dev.datamigration.controller.progress.UserCounting;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Planning: runs the read-only plan Job {@code <dm>-plan} and turns its plan.json into the app list of the status
 * (wave, Job name, entity total per app). A dry run ends here, Succeeded, without any platform side effect.
 */
final class PlanStep implements Step {

    @Override
    public ConditionType condition() {
        return ConditionType.Planned;
    }

    @Override
    public StepResult run(MigrationRun run, RunServices services) {
        String jobName = ResourceNames.planJob(run.name());
        Optional<Job> job = services.jobs().job(jobName);
        if (job.isEmpty()) {
            services.jobs().create(run.migration(), jobName, TaskFactory.plan(run.migration(), jobName));
            run.set(ConditionType.Planned, Conditions.UNKNOWN, "PlanJobRunning", "Plan Job " + jobName + " running");
            services.events().normal(run.migration(), "PlanJobCreated", "Created plan Job " + jobName);
            return StepResult.waitForEvent();
        }
        JobOutcome outcome = JobOutcome.of(job.get());
        if (!outcome.isDone()) {
            run.set(ConditionType.Planned, Conditions.UNKNOWN, "PlanJobRunning", "Plan Job " + jobName + " running");
            return StepResult.waitForEvent();
        }
        Optional<ConfigMap> progress = services.jobs().progress(jobName, true);
        if (outcome.state() == JobOutcome.State.Failed) {
            Progress report = progress.flatMap(ProgressReader::progress).orElse(null);
            String why = report != null && report.getMessage() != null ? report.getMessage() : outcome.message();
            return failed(run, services, "PlanFailed", "Plan failed: " + why);
        }
        Optional<PlanReport> plan = progress.flatMap(ProgressReader::plan);
        if (plan.isEmpty()) {
            return failed(run, services, "PlanMissing", "Plan Job " + jobName + " succeeded but wrote no readable "
                    + "plan.json into ConfigMap " + ResourceNames.progressConfigMap(jobName));
        }
        List<String> errors = plan.get().getErrors() == null ? List.of() : plan.get().getErrors();
        if (!errors.isEmpty()) {
            return failed(run, services, "PlanErrors", "Plan found " + errors.size() + (errors.size() == 1 ? " error: "
                    : " errors: ") + String.join("; ", errors));
        }
        List<PlannedApp> planned = plan.get().getApps() == null ? List.of() : plan.get().getApps();
        if (planned.isEmpty()) {
            return failed(run, services, "NothingToCopy", "Plan found no app with entities to copy");
        }
        Optional<String> mapping = services.platform().targetApps().problem();
        if (mapping.isPresent()) {
            // the plan Job read it a moment ago: it changed since; the apps to undeploy cannot be named
            return failed(run, services, "MappingUnavailable", "Plan cannot be used: " + mapping.get());
        }
        schedule(run, services, planned);
        run.status().setUsers(UserCounting.fromPlan(plan.get().getUsers()));
        int entities = run.apps().stream().mapToInt(app -> app.getEntities().getTotal()).sum();
        int warnings = plan.get().getWarnings() == null ? 0 : plan.get().getWarnings().size();
        String message = "Planned " + planned.size() + (planned.size() == 1 ? " app, " : " apps, ") + entities
                + " entities, about " + run.status().getRows().getEstimated() + " rows"
                + (warnings == 0 ? "" : "; " + warnings + (warnings == 1 ? " warning: " : " warnings: ")
                        + String.join("; ", plan.get().getWarnings()));
        run.set(ConditionType.Planned, Conditions.TRUE, "Planned", message);
        services.events().normal(run.migration(), "Planned", message);
        if (Boolean.TRUE.equals(run.migration().getSpec().getDryRun())) {
            run.set(ConditionType.Complete, Conditions.TRUE, "DryRun", "Dry run: " + message);
            services.events().normal(run.migration(), "Succeeded", "Dry run finished: " + message);
        }
        return StepResult.proceed();
    }

    /** The status' app list in copy order: by wave, then as the plan listed them. */
    private static void schedule(MigrationRun run, RunServices services, List<PlannedApp> planned) {
        List<String> names = planned.stream().map(PlannedApp::getName).toList();
        List<PlannedApp> ordered = new ArrayList<>(planned);
        ordered.sort(Comparator.comparingInt(app -> app.getWave() == null ? 0 : app.getWave()));
        List<AppStatus> apps = new ArrayList<>();
        long estimated = 0;
        for (PlannedApp app : ordered) {
            AppStatus pending = AppProgress.pending(app, ResourceNames.copyJob(run.name(), app.getName(), names));
            if (TargetApps.isOdc(run.migration())) {
                pending.setOdcApp(services.platform().targetApps().of(app.getName()));
            }
            apps.add(pending);
            if (app.getEntities() != null) {
                estimated += app.getEntities().stream().map(PlannedEntity::getEstimatedRows)
                        .filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            }
        }
        run.status().setApps(apps);
        RowCounts rows = new RowCounts();
        rows.setCopied(0L);
        rows.setEstimated(estimated);
        run.status().setRows(rows);
    }

    private static StepResult failed(MigrationRun run, RunServices services, String reason, String message) {
        run.set(ConditionType.Planned, Conditions.FALSE, reason, message);
        services.events().warning(run.migration(), reason, message);
        return StepResult.proceed();
    }
}

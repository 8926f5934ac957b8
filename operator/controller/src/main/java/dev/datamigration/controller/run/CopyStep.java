package dev.datamigration.controller.run;

import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.CopierLimits;
import dev.datamigration.controller.jobs.TaskFactory;
import dev.datamigration.controller.progress.AppProgress;
import dev.datamigration.controller.progress.JobOutcome;
import dev.datamigration.controller.progress.ProgressReader;
import dev.datamigration.controller.progress.Totals;
import dev.datamigration.controller.progress.UserCounting;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.Times;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * Copying: one Job per app, wave after wave, at most {@code spec.parallelism} at once. When an app fails no new
 * Job starts: the Jobs already running (of the same wave) finish, the apps not started yet end Cancelled, and the
 * run goes on to Restoring. With source.downtime StopAfterCopy the step has two passes ({@link CatchUpPass}): when
 * every bulk Job has succeeded, the apps' catch-up Jobs (existingData Sync) are created and wait, the source is
 * stopped, and the waiting Jobs are released wave after wave, at most {@code spec.parallelism} at once; the phase
 * stays Copying throughout.
 */
final class CopyStep implements Step {

    @Override
    public ConditionType condition() {
        return ConditionType.Copied;
    }

    @Override
    public StepResult run(MigrationRun run, RunServices services) {
        List<AppStatus> apps = run.apps();
        List<String> scope = apps.stream().map(AppStatus::getName).toList();
        for (int i = 0; i < apps.size(); i++) {
            AppStatus app = apps.get(i);
            if (app.getPhase() == AppPhase.Running) {
                apps.set(i, observe(run, services, app));
            }
        }
        Optional<AppStatus> failed = apps.stream().filter(app -> app.getPhase() == AppPhase.Failed).findFirst();
        long running = apps.stream().filter(app -> app.getPhase() == AppPhase.Running).count();
        if (failed.isPresent()) {
            if (running > 0) {
                progress(run, services, "App " + failed.get().getName() + " failed; waiting for " + running
                        + " running Jobs to finish");
                return StepResult.waitForEvent();
            }
            for (AppStatus app : apps) {
                if (app.getPhase() == AppPhase.Pending) {
                    app.setPhase(AppPhase.Cancelled);
                    app.setMessage("Not started: app " + failed.get().getName() + " failed");
                }
            }
            String message = "App " + failed.get().getName() + " failed: " + failed.get().getMessage();
            run.set(ConditionType.Copied, Conditions.FALSE, "AppFailed", message);
            services.events().warning(run.migration(), "AppFailed", message);
            return StepResult.proceed();
        }
        Optional<Integer> wave = apps.stream().filter(app -> app.getPhase() != AppPhase.Succeeded)
                .map(AppStatus::getWave).min(Integer::compare);
        boolean catchingUp = CatchUpPass.started(run);
        if (CatchUpPass.requested(run.migration().getSpec()) && !catchingUp
                && (wave.isEmpty() || CatchUpPass.prepared(run))) {
            Optional<StepResult> waiting = CatchUpPass.begin(run, services);
            if (waiting.isPresent()) {
                return waiting.get();
            }
            return run(run, services); // the apps are Pending again, as catch-up Jobs: release the first wave
        }
        if (wave.isEmpty()) {
            Totals.apply(run.status());
            String message = "Copied " + apps.size() + (apps.size() == 1 ? " app: " : " apps: ")
                    + run.status().getEntities().getMigrated() + " entities, " + run.status().getRows().getCopied()
                    + " rows";
            if (catchingUp) {
                message += "; catch-up after stopping the source: " + CutoverStatus.catchUpRows(apps)
                        + " rows changed";
            }
            run.set(ConditionType.Copied, Conditions.TRUE, "Copied", message);
            services.events().normal(run.migration(), "Copied", message);
            return StepResult.proceed();
        }
        int parallelism = run.migration().getSpec().getParallelism() == null ? CopierLimits.PARALLELISM_DEFAULT
                : run.migration().getSpec().getParallelism();
        for (AppStatus app : apps) {
            if (running >= parallelism) {
                break;
            }
            if (app.getPhase() == AppPhase.Pending && app.getWave().equals(wave.get())) {
                if (catchingUp) {
                    // created before the stop (CatchUpPass), waiting: created here only if it has gone since
                    CatchUpPass.createJob(run, services, app.getJob(), app.getName());
                    services.jobs().release(app.getJob(), Times.format(run.now()));
                    services.events().normal(run.migration(), "CatchUpJobReleased", "Released catch-up Job "
                            + app.getJob() + " for app " + app.getName() + " (wave " + app.getWave() + ")");
                } else {
                    services.jobs().create(run.migration(), app.getJob(), TaskFactory.copy(run.migration(),
                            app.getJob(), app.getName(), scope));
                    services.events().normal(run.migration(), "CopyJobCreated", "Created copy Job " + app.getJob()
                            + " for app " + app.getName() + " (wave " + app.getWave() + ")");
                }
                app.setPhase(AppPhase.Running);
                app.setMessage(null);
                running++;
            }
        }
        long done = apps.stream().filter(app -> app.getPhase() == AppPhase.Succeeded).count();
        progress(run, services, (catchingUp ? "Catch-up wave " : "Wave ") + wave.get() + ": " + running
                + " Jobs running, " + done + " of " + apps.size() + (catchingUp ? " apps caught up" : " apps copied"));
        return StepResult.waitForEvent();
    }

    private static void progress(MigrationRun run, RunServices services, String message) {
        run.set(ConditionType.Copied, Conditions.UNKNOWN,
                CatchUpPass.started(run) ? "CatchUpJobsRunning" : "CopyJobsRunning", message);
    }

    /** A running app: its Job's outcome and its progress document. */
    private static AppStatus observe(MigrationRun run, RunServices services, AppStatus app) {
        Optional<Job> job = services.jobs().job(app.getJob());
        if (job.isEmpty()) {
            AppStatus gone = AppProgress.copyOf(app);
            gone.setPhase(AppPhase.Failed);
            gone.setMessage("Job " + app.getJob() + " disappeared before it finished");
            return gone;
        }
        JobOutcome outcome = JobOutcome.of(job.get());
        Optional<Progress> progress = services.jobs().progress(app.getJob(), false).flatMap(ProgressReader::progress);
        if (outcome.isDone() && !progress.map(CopyStep::isFinal).orElse(false)) {
            // the Job finished before the informer delivered its last progress write: read it fresh
            Optional<Progress> fresh = services.jobs().progress(app.getJob(), true).flatMap(ProgressReader::progress);
            if (fresh.isPresent()) {
                progress = fresh;
            }
        }
        AppStatus observed = AppProgress.observe(app, outcome, progress.orElse(null));
        progress.ifPresent(p -> run.status().setUsers(UserCounting.merge(run.status().getUsers(), p.getUsers())));
        long delta = (observed.getRows() == null ? 0 : observed.getRows()) - (app.getRows() == null ? 0 : app.getRows());
        services.metrics().rowsCopied(delta);
        if (observed.getPhase() != app.getPhase()) {
            if (observed.getPhase() == AppPhase.Succeeded) {
                services.events().normal(run.migration(), "AppCopied", "App " + app.getName() + " copied: "
                        + observed.getEntities().getMigrated() + " entities, " + observed.getRows() + " rows");
            } else if (observed.getPhase() == AppPhase.Failed) {
                services.events().warning(run.migration(), "AppCopyFailed", "App " + app.getName() + " failed: "
                        + observed.getMessage());
            }
        }
        return observed;
    }

    private static boolean isFinal(Progress progress) {
        return progress.getState() == JobState.Succeeded || progress.getState() == JobState.Failed;
    }
}

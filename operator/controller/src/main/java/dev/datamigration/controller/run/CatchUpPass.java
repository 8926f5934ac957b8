package dev.datamigration.controller.run;

import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.controller.jobs.TaskFactory;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.platform.PlatformSession.MissingCredentialsException;
import dev.datamigration.controller.progress.JobOutcome;
import dev.datamigration.controller.progress.ProgressReader;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.Times;
import dev.datamigration.platform.PlatformException;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The second pass of a two-pass cutover (source.downtime StopAfterCopy), inside the Copying phase: once every app's
 * bulk copy has succeeded (the source kept running, each Job read one snapshot), every app gets a catch-up Job with
 * existingData Sync, which rewrites only what changed since the bulk pass's snapshot. The catch-up Jobs are created
 * first, while the source still runs, and wait for their release ({@code awaitRelease}): their start (pod, JVM,
 * connections) is then not part of the source's downtime. Once every one is connected and waiting (or a time limit
 * has passed), the source environment is stopped with the same platform action as StopEnvironment, and
 * {@link CopyStep} releases the apps' Jobs wave after wave. The status says
 * which pass a restarted operator is in: each app's {@code job} renamed to its catch-up Job and back to Pending
 * ({@link #prepared}), then {@code status.source.stoppedAt} ({@link #started}). When the stop fails, the waiting Jobs
 * are deleted and the apps show their bulk copy again.
 */
final class CatchUpPass {

    static final String STEP = "catch-up";
    /**
     * How long the stop waits for every catch-up Job to be connected and waiting: past it, the source is stopped
     * anyway (a pod that cannot be scheduled would otherwise hold the run) and the late Jobs start inside the downtime.
     */
    static final Duration READY_LIMIT = Duration.ofMinutes(10);
    /** The next look at the catch-up Jobs while they start (their progress writes wake the operator sooner). */
    private static final Duration READY_RECHECK = Duration.ofSeconds(10);

    private CatchUpPass() {
    }

    static boolean requested(DataMigrationSpec spec) {
        return spec.getSource() != null && spec.getSource().getDowntime() == SourceDowntime.StopAfterCopy;
    }

    /** Whether the catch-up pass has begun: the source was stopped and the apps run their catch-up Jobs. */
    static boolean started(MigrationRun run) {
        return run.status().getSource() != null && run.status().getSource().getStoppedAt() != null;
    }

    /**
     * Whether the catch-up Jobs were created (every app switched to its catch-up Job): from then on the apps' Pending
     * phase means "waiting for the release", not "bulk copy not started".
     */
    static boolean prepared(MigrationRun run) {
        return !run.apps().isEmpty() && run.apps().stream()
                .allMatch(app -> ResourceNames.catchUpJob(run.name(), app.getName()).equals(app.getJob()));
    }

    /**
     * After the bulk pass: creates the catch-up Jobs (waiting for their release) and switches every app to its
     * catch-up Job, then stops the source (or waits for the platform). Empty once the source is stopped; a result for
     * the loop while the stop is pending, or when it failed (the Copied condition then says why, the waiting Jobs are
     * deleted, and the run goes on to Restoring).
     */
    static Optional<StepResult> begin(MigrationRun run, RunServices services) {
        String environment = run.migration().getSpec().getSource().getEnvironment();
        if (!prepared(run)) {
            prepare(run, services);
        }
        if (run.operations().find(PlatformAction.StopEnvironment, environment).isEmpty()) {
            Optional<StepResult> starting = awaitReady(run, services, environment);
            if (starting.isPresent()) {
                return starting;
            }
            run.set(ConditionType.Copied, Conditions.UNKNOWN, "StoppingSource", "Bulk copy done; catch-up Jobs"
                    + " waiting; stopping source environment " + environment + " for the catch-up");
        }
        try {
            Optional<StepResult> waiting = PlatformActions.perform(run, services, PlatformAction.StopEnvironment,
                    environment, ConditionType.Copied);
            if (waiting.isPresent()) {
                return waiting;
            }
        } catch (PlatformException | MissingCredentialsException | PlatformActions.OperationFailedException e) {
            StepResult failed = PlatformActions.failure(run, services, STEP, ConditionType.Copied, e);
            unprepare(run, services);
            return Optional.of(failed);
        }
        services.retries().succeeded(run.uid(), STEP);
        // the time the operation entered Succeeded: when the platform confirmed the stop
        String stoppedAt = run.operations().find(PlatformAction.StopEnvironment, environment)
                .map(PlatformOperation::getTime).orElse(Times.format(run.now()));
        SourceStatus source = new SourceStatus();
        source.setStoppedAt(stoppedAt);
        source.setCatchUpRows(0L);
        run.status().setSource(source);
        for (AppStatus app : run.apps()) {
            app.setMessage("Catch-up Job waiting for its wave; the source environment is stopped");
        }
        run.set(ConditionType.Copied, Conditions.UNKNOWN, "CatchingUp", "Source environment " + environment
                + " stopped after the bulk copy; catching up the changes made during it");
        return Optional.empty();
    }

    /**
     * Before the stop: empty once every catch-up Job is connected and waiting (its progress says
     * {@link JobState#Waiting}), or when the first was created more than {@link #READY_LIMIT} ago (the stop goes
     * ahead; a Job still starting is released as soon as it waits). A catch-up Job that failed before the stop ends
     * the pass without a stop: the source keeps running, the waiting Jobs are deleted, and the Copied condition says
     * which Job failed and why.
     */
    private static Optional<StepResult> awaitReady(MigrationRun run, RunServices services, String environment) {
        int ready = 0;
        Instant first = null;
        for (AppStatus app : run.apps()) {
            Optional<Job> job = services.jobs().job(app.getJob());
            if (job.isEmpty()) {
                // gone since it was created (deleted by hand): created again, and waited for like the others
                createJob(run, services, app.getJob(), app.getName());
                continue;
            }
            Optional<Progress> progress = services.jobs().progress(app.getJob(), false)
                    .flatMap(ProgressReader::progress);
            JobOutcome outcome = JobOutcome.of(job.get());
            if (outcome.state() == JobOutcome.State.Failed) {
                String why = progress.filter(p -> p.getState() == JobState.Failed).map(Progress::getMessage)
                        .filter(m -> !m.isBlank()).orElse(outcome.message());
                String message = "Catch-up Job " + app.getJob() + " of app " + app.getName() + " failed before the"
                        + " source environment was stopped: " + why + "; source environment " + environment
                        + " keeps running";
                unprepare(run, services);
                run.set(ConditionType.Copied, Conditions.FALSE, "CatchUpJobFailed", message);
                services.events().warning(run.migration(), "CatchUpJobFailed", message);
                return Optional.of(StepResult.proceed());
            }
            if (progress.map(p -> p.getState() == JobState.Waiting).orElse(false)) {
                ready++;
            }
            String created = job.get().getMetadata().getCreationTimestamp();
            Instant at = created == null ? run.now() : Instant.parse(created);
            first = first == null || at.isBefore(first) ? at : first;
        }
        if (ready == run.apps().size()) {
            return Optional.empty();
        }
        if (first != null && !run.now().isBefore(first.plus(READY_LIMIT))) {
            services.events().warning(run.migration(), "CatchUpJobsSlow", ready + " of " + run.apps().size()
                    + " catch-up Jobs connected after " + READY_LIMIT.toMinutes() + " minutes; stopping source"
                    + " environment " + environment + " anyway (the others are released once they wait)");
            return Optional.empty();
        }
        run.set(ConditionType.Copied, Conditions.UNKNOWN, "StartingCatchUp", "Bulk copy done; " + ready + " of "
                + run.apps().size() + " catch-up Jobs connected and waiting; source environment " + environment
                + " is stopped once all are");
        return Optional.of(StepResult.recheckAfter(READY_RECHECK));
    }

    /**
     * Creates every app's catch-up Job, waiting for its release, and switches the app to it (Pending). The Jobs are
     * created before the status says so: a restart in between creates them again, which tolerates that they exist.
     */
    private static void prepare(MigrationRun run, RunServices services) {
        for (AppStatus app : run.apps()) {
            String job = ResourceNames.catchUpJob(run.name(), app.getName());
            createJob(run, services, job, app.getName());
            services.events().normal(run.migration(), "CatchUpJobCreated", "Created catch-up Job " + job
                    + " for app " + app.getName() + "; it waits for the source environment to stop");
            app.setJob(job);
            app.setPhase(AppPhase.Pending);
            app.setMessage("Catch-up Job started; waiting for the source environment to stop");
            app.setSync(null); // the catch-up's own counts, not the bulk pass's
        }
    }

    /**
     * Creates the catch-up Job {@code job} of {@code app} (waiting for its release), unless it exists: the copy task
     * over every app of the run, with existingData Sync.
     */
    static void createJob(MigrationRun run, RunServices services, String job, String app) {
        List<String> scope = run.apps().stream().map(AppStatus::getName).toList();
        services.jobs().create(run.migration(), job, TaskFactory.catchUp(run.migration(), job, app, scope));
    }

    /**
     * The source was not stopped: deletes the waiting catch-up Jobs (none was released) and shows each app's bulk
     * copy again, which succeeded.
     */
    private static void unprepare(MigrationRun run, RunServices services) {
        List<String> names = run.apps().stream().map(AppStatus::getName).toList();
        for (AppStatus app : run.apps()) {
            services.jobs().delete(app.getJob());
            app.setJob(ResourceNames.copyJob(run.name(), app.getName(), names));
            app.setPhase(AppPhase.Succeeded);
            app.setMessage("Bulk copy done; no catch-up: the source environment was not stopped");
        }
    }
}

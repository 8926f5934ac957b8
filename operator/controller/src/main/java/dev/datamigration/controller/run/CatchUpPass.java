package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SourceStatus;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.platform.PlatformSession.MissingCredentialsException;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.Times;
import dev.datamigration.platform.PlatformException;
import java.util.Optional;

/**
 * The second pass of a two-pass cutover (source.downtime StopAfterCopy), inside the Copying phase: once every app's
 * bulk copy has succeeded (the source kept running, each Job read one snapshot), the source environment is stopped
 * with the same platform action as StopEnvironment, and every app gets a catch-up Job with existingData Sync, which
 * rewrites only what changed since the bulk pass's snapshot. The switch is recorded in the status
 * ({@code status.source.stoppedAt}, each app's {@code job} renamed and back to Pending) in one write, so a restarted
 * operator knows which pass it is in.
 */
final class CatchUpPass {

    static final String STEP = "catch-up";

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
     * After the bulk pass: stops the source (or waits for the platform), then switches every app to its catch-up
     * Job. Empty once switched; a result for the loop while the stop is pending, or when it failed (the Copied
     * condition then says why, and the run goes on to Restoring).
     */
    static Optional<StepResult> begin(MigrationRun run, RunServices services) {
        String environment = run.migration().getSpec().getSource().getEnvironment();
        if (run.operations().find(PlatformAction.StopEnvironment, environment).isEmpty()) {
            run.set(ConditionType.Copied, Conditions.UNKNOWN, "StoppingSource", "Bulk copy done; stopping source"
                    + " environment " + environment + " for the catch-up");
        }
        try {
            Optional<StepResult> waiting = PlatformActions.perform(run, services, PlatformAction.StopEnvironment,
                    environment, ConditionType.Copied);
            if (waiting.isPresent()) {
                return waiting;
            }
        } catch (PlatformException | MissingCredentialsException | PlatformActions.OperationFailedException e) {
            return Optional.of(PlatformActions.failure(run, services, STEP, ConditionType.Copied, e));
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
            app.setJob(ResourceNames.catchUpJob(run.name(), app.getName()));
            app.setPhase(AppPhase.Pending);
            app.setMessage(null);
            app.setSync(null); // the catch-up's own counts, not the bulk pass's
        }
        run.set(ConditionType.Copied, Conditions.UNKNOWN, "CatchingUp", "Source environment " + environment
                + " stopped after the bulk copy; catching up the changes made during it");
        return Optional.empty();
    }
}

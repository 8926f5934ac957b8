package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.status.SpecHash;
import dev.datamigration.controller.status.Times;
import java.time.Duration;
import java.util.Optional;

/**
 * The phase machine of one reconcile: apply interruptions (deletion, spec.cancel, a spec edited after the start),
 * then run the step of the current phase and, as long as a step finishes, the next one — so a dry run or a
 * run whose validation fails reaches its terminal phase in one pass. Stops at the first step that has to wait.
 */
public final class RunLoop {

    /** More steps than the lifecycle has: a bound, not a tuning knob. */
    private static final int MAX_STEPS = 12;

    private RunLoop() {
    }

    /** Runs the machine and writes the status; returns when to look again (empty: on the next event). */
    public static Optional<Duration> reconcile(MigrationRun run, boolean deleting) {
        if (run.phase().isTerminal()) {
            // never left, never rewritten: a finished run's status is its record
            return Optional.empty();
        }
        DataMigrationStatus status = run.status();
        String hash = SpecHash.of(run.migration().getSpec());
        if (status.getStartedAt() == null) {
            status.setStartedAt(Times.format(run.now()));
            status.setSpecHash(hash);
            run.events.normal(run.migration(), "Accepted", "Run started");
        } else if (status.getSpecHash() != null && !hash.equals(status.getSpecHash())) {
            Interruptions.interrupt(run, Interruptions.SPEC_CHANGED, "The spec was changed after the run started; "
                    + "the run stops: create a new DataMigration for a new run");
        }
        if (deleting) {
            Interruptions.interrupt(run, Interruptions.DELETED, "The DataMigration is being deleted");
        } else if (Boolean.TRUE.equals(run.migration().getSpec().getCancel())) {
            Interruptions.interrupt(run, Interruptions.CANCELLED, "Cancelled by spec.cancel");
        }
        ValidationStep validation = new ValidationStep(run.validator);
        Optional<Duration> recheck = Optional.empty();
        for (int i = 0; i < MAX_STEPS; i++) {
            Phase phase = run.phase();
            if (phase.isTerminal()) {
                break;
            }
            StepResult result = switch (phase) {
                case Pending, Validating -> validation.run(run);
                case Planning -> new PlanStep().run(run);
                case Quiescing -> new QuiesceStep().run(run);
                case Copying -> new CopyStep().run(run);
                default -> new RestoreStep().run(run);
            };
            if (!result.proceeds()) {
                recheck = result.recheckAfter();
                break;
            }
        }
        run.finish();
        return recheck;
    }
}

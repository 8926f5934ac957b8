package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.status.SpecHash;
import dev.datamigration.controller.status.Times;
import java.time.Duration;
import java.util.Optional;

/**
 * The phase machine of one reconcile: apply interruptions (deletion, spec.cancel, a spec edited after the start),
 * then run the step of the current phase ({@link PhaseTable}) and, as long as a step finishes, the next one — so a
 * dry run or a run whose validation fails reaches its terminal phase in one pass. Stops at the first step that has
 * to wait, then writes the status once. A step that throws goes through {@link StepFailures}, so the status is
 * written in that case too.
 */
public final class RunLoop {

    /** More steps than the lifecycle has: a bound, not a tuning knob. */
    private static final int MAX_STEPS = 12;

    private RunLoop() {
    }

    /** Runs the machine and writes the status; returns when to look again (empty: on the next event). */
    public static Optional<Duration> reconcile(MigrationRun run, RunServices services, boolean deleting) {
        if (run.phase().isTerminal()) {
            // never left, never rewritten: a finished run's status is its record
            return Optional.empty();
        }
        StepResult result = attempt(run, services, PhaseTable.step(run.phase()), false, () -> {
            start(run, services, deleting);
            return StepResult.proceed();
        });
        for (int i = 0; i < MAX_STEPS && result.proceeds(); i++) {
            Phase phase = run.phase();
            if (phase.isTerminal()) {
                break;
            }
            Step step = PhaseTable.step(phase);
            result = attempt(run, services, step, true, () -> step.run(run, services));
        }
        services.status().finish(run);
        return result.proceeds() ? Optional.empty() : result.recheckAfter();
    }

    /** The first reconcile's bookkeeping, then the interruptions. */
    private static void start(MigrationRun run, RunServices services, boolean deleting) {
        DataMigrationStatus status = run.status();
        String hash = SpecHash.of(run.migration().getSpec());
        if (status.getStartedAt() == null) {
            status.setStartedAt(Times.format(run.now()));
            status.setSpecHash(hash);
            services.events().normal(run.migration(), "Accepted", "Run started");
        } else if (status.getSpecHash() != null && !hash.equals(status.getSpecHash())) {
            Interruptions.interrupt(run, services, Interruptions.SPEC_CHANGED, "The spec was changed after the run "
                    + "started; the run stops: create a new DataMigration for a new run");
        }
        if (deleting) {
            Interruptions.interrupt(run, services, Interruptions.DELETED, "The DataMigration is being deleted");
        } else if (Boolean.TRUE.equals(run.migration().getSpec().getCancel())) {
            Interruptions.interrupt(run, services, Interruptions.CANCELLED, "Cancelled by spec.cancel");
        }
    }

    private interface Work {
        StepResult run();
    }

    /**
     * Runs a piece of work of {@code step} through the error path. {@code clears}: a normal return starts the step's
     * error attempts from zero (the interruptions do not: they succeed before a failing step every time).
     */
    private static StepResult attempt(MigrationRun run, RunServices services, Step step, boolean clears, Work work) {
        try {
            StepResult result = work.run();
            if (clears) {
                StepFailures.cleared(run, services, step);
            }
            return result;
        } catch (RuntimeException e) {
            return StepFailures.record(run, services, step, e);
        }
    }
}

package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;

/**
 * Stops a run before its end: spec.cancel, deletion, or a spec edited after the start. The running Jobs are
 * deleted (their pods with them), apps not finished end Cancelled, and the step in progress ends False with the
 * reason; the run then goes through Restoring like a failed one.
 */
final class Interruptions {

    static final String CANCELLED = "Cancelled";
    static final String DELETED = "Deleted";
    static final String SPEC_CHANGED = "SpecChanged";

    private Interruptions() {
    }

    static void interrupt(MigrationRun run, RunServices services, String reason, String message) {
        Phase phase = run.phase();
        if (phase.isTerminal() || phase == Phase.Restoring) {
            return;
        }
        ConditionType step = PhaseTable.step(phase).condition();
        if (phase == Phase.Planning) {
            services.jobs().delete(ResourceNames.planJob(run.name()));
        }
        for (AppStatus app : run.apps()) {
            if (app.getPhase() == AppPhase.Running) {
                services.jobs().delete(app.getJob());
                app.setPhase(AppPhase.Cancelled);
                app.setMessage("Stopped: " + message);
            } else if (app.getPhase() == AppPhase.Pending) {
                if (services.jobs().job(app.getJob()).isPresent()) {
                    services.jobs().delete(app.getJob()); // a catch-up Job waiting for its release
                }
                app.setPhase(AppPhase.Cancelled);
                app.setMessage("Not started: " + message);
            }
        }
        run.set(step, Conditions.FALSE, reason, message);
        services.events().warning(run.migration(), reason, message);
    }
}

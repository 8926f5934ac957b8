package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.controller.platform.PlatformSession.MissingCredentialsException;
import dev.datamigration.controller.platform.TargetApps;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.platform.PlatformException;
import java.util.Optional;

/**
 * Quiescing: StopEnvironment stops the source environment, UndeployApps undeploys the target apps of the plan,
 * one at a time in copy order. Each call is preceded by its persisted intent (see {@link PlatformActions}); what is
 * done already (after a restart, or a wait) is skipped.
 */
final class QuiesceStep implements Step {

    static final String STEP = "quiesce";

    @Override
    public ConditionType condition() {
        return ConditionType.Quiesced;
    }

    @Override
    public StepResult run(MigrationRun run, RunServices services) {
        DataMigrationSpec spec = run.migration().getSpec();
        boolean stop = spec.getSource().getDowntime() == SourceDowntime.StopEnvironment;
        boolean undeploy = spec.getTarget().getDowntime() == TargetDowntime.UndeployApps;
        if (!stop && !undeploy) {
            run.set(ConditionType.Quiesced, Conditions.TRUE, "NoDowntime", CatchUpPass.requested(spec)
                    ? "Source keeps running until the bulk copy ends (StopAfterCopy); target apps stay deployed"
                    : "No downtime requested: source keeps running, target apps stay deployed");
            return StepResult.proceed();
        }
        if (run.conditions().get(ConditionType.Quiesced).isEmpty()) {
            run.set(ConditionType.Quiesced, Conditions.UNKNOWN, "Quiescing", "Quiescing source and target");
        }
        try {
            if (stop) {
                Optional<StepResult> waiting = PlatformActions.perform(run, services, PlatformAction.StopEnvironment,
                        spec.getSource().getEnvironment(), ConditionType.Quiesced);
                if (waiting.isPresent()) {
                    return waiting.get();
                }
            }
            if (undeploy) {
                for (AppStatus app : run.apps()) {
                    Optional<StepResult> waiting = PlatformActions.perform(run, services, PlatformAction.Undeploy,
                            services.platform().targetApps().of(app.getName()), ConditionType.Quiesced);
                    if (waiting.isPresent()) {
                        return waiting.get();
                    }
                }
            }
        } catch (PlatformException | MissingCredentialsException | PlatformActions.OperationFailedException
                | TargetApps.MappingUnavailableException e) {
            return PlatformActions.failure(run, services, STEP, ConditionType.Quiesced, e);
        }
        services.retries().succeeded(run.uid(), STEP);
        String message = (stop ? "Source environment " + spec.getSource().getEnvironment() + " stopped" : "")
                + (stop && undeploy ? "; " : "")
                + (undeploy ? run.operations().count(PlatformAction.Undeploy, PlatformOperationState.Succeeded)
                        + " target apps undeployed" : "");
        run.set(ConditionType.Quiesced, Conditions.TRUE, "Quiesced", message);
        return StepResult.proceed();
    }
}

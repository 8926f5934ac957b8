package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.controller.platform.PlatformSession.MissingCredentialsException;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.OperationLog;
import dev.datamigration.platform.PlatformException;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * Restoring: redeploys every target app whose undeploy was requested — after success, failure or cancel alike —
 * then records the outcome (Complete, Failed or Cancelled). The source environment stays as the platform leaves
 * it. Only after this step is a terminal phase reached.
 */
final class RestoreStep implements Step {

    static final String STEP = "restore";
    /** Interruption reasons that end the run Cancelled rather than Failed. */
    static final List<String> CANCEL_REASONS = List.of(Interruptions.CANCELLED, Interruptions.DELETED);

    @Override
    public ConditionType condition() {
        return ConditionType.Restored;
    }

    @Override
    public StepResult run(MigrationRun run, RunServices services) {
        if (run.conditions().get(ConditionType.Restored).isEmpty()) {
            run.set(ConditionType.Restored, Conditions.UNKNOWN, "Restoring", "Redeploying the target apps");
        }
        if (run.conditions().is(ConditionType.Restored, Conditions.UNKNOWN)) {
            try {
                OperationLog log = run.operations();
                for (String app : log.subjects(PlatformAction.Undeploy)) {
                    if (log.is(PlatformAction.Redeploy, app, PlatformOperationState.Succeeded)) {
                        continue;
                    }
                    Optional<StepResult> waiting = PlatformActions.awaitRunning(run, services, PlatformAction.Undeploy,
                            app).or(() -> PlatformActions.perform(run, services, PlatformAction.Redeploy, app,
                                    ConditionType.Restored));
                    if (waiting.isPresent()) {
                        return waiting.get();
                    }
                }
            } catch (PlatformException | MissingCredentialsException | PlatformActions.OperationFailedException e) {
                StepResult result = PlatformActions.failure(run, services, STEP, ConditionType.Restored, e);
                if (!result.proceeds()) {
                    return result;
                }
                List<String> stranded = run.operations().subjects(PlatformAction.Undeploy).stream()
                        .filter(app -> !run.operations().is(PlatformAction.Redeploy, app,
                                PlatformOperationState.Succeeded))
                        .toList();
                run.set(ConditionType.Restored, Conditions.FALSE, "RedeployFailed",
                        e.getMessage() + "; still undeployed, redeploy by hand: " + String.join(", ", stranded));
            }
            if (run.conditions().is(ConditionType.Restored, Conditions.UNKNOWN)) {
                services.retries().succeeded(run.uid(), STEP);
                long redeployed = run.operations().count(PlatformAction.Redeploy, PlatformOperationState.Succeeded);
                run.set(ConditionType.Restored, Conditions.TRUE, redeployed == 0 ? "NothingToRestore" : "Redeployed",
                        redeployed == 0 ? "No target app was undeployed" : redeployed + " target apps redeployed");
            }
        }
        conclude(run, services);
        return StepResult.proceed();
    }

    /** The outcome condition: the first interruption decides, a failed restore makes any run Failed. */
    private static void conclude(MigrationRun run, RunServices services) {
        Optional<Condition> interruption = PhaseTable.interruption(run.conditions());
        if (run.conditions().isFalse(ConditionType.Restored)) {
            String restore = run.conditions().get(ConditionType.Restored).get().getMessage();
            String message = interruption.map(c -> c.getMessage() + "; restore failed: " + restore)
                    .orElse("Restore failed: " + restore);
            outcome(run, services, ConditionType.Failed, "RestoreFailed", message);
        } else if (interruption.isPresent() && CANCEL_REASONS.contains(interruption.get().getReason())) {
            outcome(run, services, ConditionType.Cancelled, interruption.get().getReason(),
                    interruption.get().getMessage());
        } else if (interruption.isPresent()) {
            outcome(run, services, ConditionType.Failed, interruption.get().getReason(),
                    interruption.get().getMessage());
        } else {
            String copied = run.conditions().get(ConditionType.Copied).map(Condition::getMessage).orElse("Copied");
            outcome(run, services, ConditionType.Complete, "Succeeded", copied);
        }
    }

    private static void outcome(MigrationRun run, RunServices services, ConditionType type, String reason,
            String message) {
        run.set(type, Conditions.TRUE, reason, message);
        if (type == ConditionType.Complete) {
            services.events().normal(run.migration(), "Succeeded", message);
        } else {
            services.events().warning(run.migration(), type.name(), message);
        }
    }
}

package dev.datamigration.controller.status;

import dev.datamigration.api.v1alpha1.Phase;
import java.util.List;

/**
 * Derives {@code status.phase} from the conditions, the source of truth. A terminal phase is never left: once the
 * previous phase was terminal it stays whatever the conditions say.
 */
public final class PhaseResolver {

    private PhaseResolver() {
    }

    public static Phase resolve(Phase previous, Conditions conditions) {
        if (previous != null && previous.isTerminal()) {
            return previous;
        }
        if (conditions.isTrue(ConditionType.Complete)) {
            return Phase.Succeeded;
        }
        if (conditions.isTrue(ConditionType.Failed)) {
            return Phase.Failed;
        }
        if (conditions.isTrue(ConditionType.Cancelled)) {
            return Phase.Cancelled;
        }
        if (conditions.get(ConditionType.Restored).isPresent()) {
            return Phase.Restoring;
        }
        List<ConditionType> steps = ConditionType.STEPS;
        for (int i = steps.size() - 1; i >= 0; i--) {
            ConditionType step = steps.get(i);
            if (conditions.get(step).isEmpty()) {
                continue;
            }
            if (conditions.is(step, Conditions.UNKNOWN)) {
                return step.phase();
            }
            if (conditions.isFalse(step)) {
                return Phase.Restoring;
            }
            return i + 1 < steps.size() ? steps.get(i + 1).phase() : Phase.Restoring;
        }
        return Phase.Pending;
    }
}

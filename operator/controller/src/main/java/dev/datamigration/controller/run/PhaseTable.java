package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phase machine in one table: the step that runs in each phase, in lifecycle order. Each step owns a condition,
 * and the phase is derived from the conditions, so the table is read both ways: phase → step to run a reconcile,
 * condition → phase to show where the run is ({@link #phase}). A run with no condition yet is Pending and runs the
 * first step; a step that ends False sends the run to Restoring, and only an outcome condition (Complete, Failed,
 * Cancelled, set by the restore step) makes the phase terminal.
 */
final class PhaseTable {

    /** EnumMap: iterates in the order of {@link Phase}, which is the lifecycle order. */
    private static final Map<Phase, Step> STEPS;

    static {
        Map<Phase, Step> steps = new EnumMap<>(Phase.class);
        steps.put(Phase.Validating, new ValidationStep());
        steps.put(Phase.Planning, new PlanStep());
        steps.put(Phase.Quiescing, new QuiesceStep());
        steps.put(Phase.Copying, new CopyStep());
        steps.put(Phase.Restoring, new RestoreStep());
        STEPS = Collections.unmodifiableMap(steps);
    }

    private static final List<Phase> ORDER = List.copyOf(STEPS.keySet());

    private PhaseTable() {
    }

    /** The step of a non-terminal phase; Pending runs the first step. */
    static Step step(Phase phase) {
        if (phase == Phase.Pending) {
            return STEPS.get(ORDER.get(0));
        }
        Step step = STEPS.get(phase);
        if (step == null) {
            throw new IllegalArgumentException("phase " + phase + " is terminal: no step runs in it");
        }
        return step;
    }

    /**
     * The phase the conditions say. A terminal phase the run already had is never left, whatever the conditions
     * say; otherwise an outcome condition decides, else the last step condition present: Unknown → that step's
     * phase, True → the next step's phase, False → Restoring. No condition → Pending.
     */
    static Phase phase(Phase previous, Conditions conditions) {
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
        for (int i = ORDER.size() - 1; i >= 0; i--) {
            ConditionType condition = STEPS.get(ORDER.get(i)).condition();
            if (conditions.get(condition).isEmpty()) {
                continue;
            }
            if (conditions.is(condition, Conditions.UNKNOWN)) {
                return ORDER.get(i);
            }
            if (conditions.isFalse(condition)) {
                return Phase.Restoring;
            }
            return i + 1 < ORDER.size() ? ORDER.get(i + 1) : Phase.Restoring;
        }
        return Phase.Pending;
    }

    /** The step before Restoring that ended False (a failure or an interruption), with its condition, if any. */
    static Optional<Condition> interruption(Conditions conditions) {
        for (ConditionType step : stepsBeforeRestoring()) {
            if (conditions.isFalse(step)) {
                return conditions.get(step);
            }
        }
        return Optional.empty();
    }

    private static List<ConditionType> stepsBeforeRestoring() {
        List<ConditionType> steps = new ArrayList<>();
        for (Phase phase : ORDER) {
            if (phase != Phase.Restoring) {
                steps.add(STEPS.get(phase).condition());
            }
        }
        return steps;
    }
}

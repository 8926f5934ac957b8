package dev.datamigration.controller.status;

import dev.datamigration.api.v1alpha1.Phase;

/**
 * The condition types of a DataMigration, in lifecycle order. The step conditions are Unknown while their step
 * runs, True when it finished, False when it failed or was interrupted; the three outcome conditions appear only
 * once, True, when the run is over (after every restore step).
 */
public enum ConditionType {
    Validated(Phase.Validating),
    Planned(Phase.Planning),
    Quiesced(Phase.Quiescing),
    Copied(Phase.Copying),
    Restored(Phase.Restoring),
    Complete(Phase.Succeeded),
    Failed(Phase.Failed),
    Cancelled(Phase.Cancelled);

    private final Phase phase;

    ConditionType(Phase phase) {
        this.phase = phase;
    }

    /** The phase this condition's step runs in (or the terminal phase it stands for). */
    public Phase phase() {
        return phase;
    }

    /** The four steps before Restoring, in order. */
    public static final ConditionType[] STEPS = {Validated, Planned, Quiesced, Copied};

    public boolean isOutcome() {
        return this == Complete || this == Failed || this == Cancelled;
    }
}

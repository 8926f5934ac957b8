package dev.datamigration.controller.status;

import dev.datamigration.api.v1alpha1.Phase;
import java.util.List;

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
    public static final List<ConditionType> STEPS = List.of(Validated, Planned, Quiesced, Copied);
}

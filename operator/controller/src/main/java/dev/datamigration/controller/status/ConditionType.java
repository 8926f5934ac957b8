package dev.datamigration.controller.status;

/**
 * The condition types of a DataMigration, in lifecycle order (the order of status.conditions). The step conditions
 * (Validated .. Restored) are Unknown while their step runs, True when it finished, False when it failed or was
 * interrupted; which phase each step runs in is the phase table's business (controller.run.PhaseTable). The three
 * outcome conditions appear only once, True, when the run is over (after every restore step).
 */
public enum ConditionType {
    Validated,
    Planned,
    Quiesced,
    Copied,
    Restored,
    Complete,
    Failed,
    Cancelled
}

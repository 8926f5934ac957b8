package dev.datamigration.controller.run;

import dev.datamigration.controller.status.ConditionType;

/**
 * One step of the phase machine. It runs while the run is in its phase ({@link PhaseTable} says which), owns one
 * condition (Unknown while it works, True or False when it is done: the phase is derived from these conditions) and
 * tells the loop whether to go on to the next phase now or to wait. A step that throws does not end the run in an
 * unknown state: {@link StepFailures} records the error on the step's condition.
 */
interface Step {

    /** The condition this step sets. */
    ConditionType condition();

    StepResult run(MigrationRun run, RunServices services);
}

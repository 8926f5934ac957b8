package dev.datamigration.controller.run;

import java.time.Duration;
import java.util.Optional;

/**
 * What a step tells the run loop: go on to the next phase now, or stop this reconcile and wait, either for an
 * event (a Job or progress ConfigMap changes) or for a time (polling a platform operation, backing off).
 */
public record StepResult(boolean proceeds, Optional<Duration> recheckAfter) {

    public static StepResult proceed() {
        return new StepResult(true, Optional.empty());
    }

    public static StepResult waitForEvent() {
        return new StepResult(false, Optional.empty());
    }

    public static StepResult recheckAfter(Duration delay) {
        return new StepResult(false, Optional.of(delay));
    }
}

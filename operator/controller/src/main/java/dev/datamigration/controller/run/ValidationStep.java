package dev.datamigration.controller.run;

import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.validation.EnvironmentValidator;
import dev.datamigration.controller.validation.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validating: the spec rules, then (only when the spec is sound) the Secrets and the platform checks. Every
 * problem goes into the Validated condition's message at once; nothing is stopped or written before this passes.
 */
final class ValidationStep {

    static final String STEP = "validate";
    private final EnvironmentValidator environment;

    ValidationStep(EnvironmentValidator environment) {
        this.environment = environment;
    }

    StepResult run(MigrationRun run) {
        if (run.conditions.get(ConditionType.Validated).isEmpty()) {
            run.set(ConditionType.Validated, Conditions.UNKNOWN, "Validating", "Checking the spec, Secrets and platform");
        }
        List<String> problems = new ArrayList<>(SpecValidator.validate(run.migration()));
        if (problems.isEmpty()) {
            EnvironmentValidator.Report report = environment.validate(run.migration(), run.platform);
            problems.addAll(report.problems());
            Optional<String> transientFailure = report.transientFailure();
            if (transientFailure.isPresent()) {
                int attempt = run.retries.failed(run.uid(), STEP);
                if (attempt < run.settings.platformAttempts()) {
                    run.set(ConditionType.Validated, Conditions.UNKNOWN, "PlatformRetry",
                            "Platform API not answering (attempt " + attempt + " of " + run.settings.platformAttempts()
                                    + "): " + transientFailure.get());
                    run.events.warning(run.migration(), "PlatformRetry", "Validation: " + transientFailure.get());
                    return StepResult.recheckAfter(run.settings.backoff(attempt));
                }
                problems.add("platform API unreachable after " + attempt + " attempts: " + transientFailure.get());
            }
        }
        run.retries.succeeded(run.uid(), STEP);
        if (!problems.isEmpty()) {
            String message = problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                    + String.join("; ", problems);
            run.set(ConditionType.Validated, Conditions.FALSE, "Invalid", message);
            run.events.warning(run.migration(), "ValidationFailed", message);
            return StepResult.proceed();
        }
        run.set(ConditionType.Validated, Conditions.TRUE, "Valid", "Spec, Secrets and platform checked");
        run.events.normal(run.migration(), "Validated", "Spec, Secrets and platform checked");
        return StepResult.proceed();
    }
}

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
final class ValidationStep implements Step {

    static final String STEP = "validate";

    @Override
    public ConditionType condition() {
        return ConditionType.Validated;
    }

    @Override
    public StepResult run(MigrationRun run, RunServices services) {
        if (run.conditions().get(ConditionType.Validated).isEmpty()) {
            run.set(ConditionType.Validated, Conditions.UNKNOWN, "Validating",
                    "Checking the spec, Secrets and platform");
        }
        List<String> problems = new ArrayList<>(SpecValidator.validate(run.migration()));
        if (problems.isEmpty()) {
            EnvironmentValidator.Report report = services.validator().validate(run.migration(), services.platform());
            problems.addAll(report.problems());
            Optional<String> transientFailure = report.transientFailure();
            if (transientFailure.isPresent()) {
                int attempt = services.retries().failed(run.uid(), STEP);
                if (attempt < services.settings().platformAttempts()) {
                    run.set(ConditionType.Validated, Conditions.UNKNOWN, "PlatformRetry",
                            "Platform API not answering (attempt " + attempt + " of "
                                    + services.settings().platformAttempts()
                                    + "): " + transientFailure.get());
                    services.events().warning(run.migration(), "PlatformRetry",
                            "Validation: " + transientFailure.get());
                    return StepResult.recheckAfter(services.settings().backoff(attempt));
                }
                problems.add("platform API unreachable after " + attempt + " attempts: " + transientFailure.get());
            }
        }
        services.retries().succeeded(run.uid(), STEP);
        if (!problems.isEmpty()) {
            String message = problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                    + String.join("; ", problems);
            run.set(ConditionType.Validated, Conditions.FALSE, "Invalid", message);
            services.events().warning(run.migration(), "ValidationFailed", message);
            return StepResult.proceed();
        }
        run.set(ConditionType.Validated, Conditions.TRUE, "Valid", "Spec, Secrets and platform checked");
        services.events().normal(run.migration(), "Validated", "Spec, Secrets and platform checked");
        return StepResult.proceed();
    }
}

package dev.datamigration.controller.run;

import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error path of the phase machine: a step (or an interruption) that throws instead of returning. The steps
 * handle the failures they expect (platform errors, failed Jobs) themselves; what reaches this class is the
 * Kubernetes API refusing a call, or a bug. Either way the run must not stop in an unknown state: a Kubernetes API
 * failure that may pass (no answer, 408, 409, 429, 5xx) is retried with the platform back-off, and showed on the
 * step's condition meanwhile; anything else, or the last attempt, ends the step False with reason
 * {@value #REASON}, and the run goes through Restoring to Failed like any other failed step.
 */
final class StepFailures {

    static final String REASON = "ReconcileError";
    private static final Logger LOG = LoggerFactory.getLogger(StepFailures.class);

    private StepFailures() {
    }

    static StepResult record(MigrationRun run, RunServices services, Step step, RuntimeException error) {
        ConditionType condition = step.condition();
        String key = "error:" + condition.name();
        String message = describe(error);
        String where = run.migration().getMetadata().getNamespace() + "/" + run.name() + ": " + condition + " step";
        if (condition == ConditionType.Restored && run.conditions().get(condition).isPresent()
                && !run.conditions().is(condition, Conditions.UNKNOWN)) {
            // the redeploys are settled and the step failed while concluding: conclude here, else the loop would
            // run it again and again
            LOG.error("{} failed while concluding", where, error);
            run.set(ConditionType.Failed, Conditions.TRUE, REASON, "Restore failed: " + message);
            services.events().warning(run.migration(), REASON, message);
            return StepResult.proceed();
        }
        if (isTransient(error)) {
            int attempt = services.retries().failed(run.uid(), key);
            int attempts = services.settings().platformAttempts();
            if (attempt < attempts) {
                LOG.warn("{}, attempt {} of {}: {}", where, attempt, attempts, message);
                run.set(condition, Conditions.UNKNOWN, "KubernetesRetry", "Retrying (attempt " + attempt + " of "
                        + attempts + "): " + message);
                services.events().warning(run.migration(), "KubernetesRetry", message);
                return StepResult.recheckAfter(services.settings().backoff(attempt));
            }
            message = "Still failing after " + attempt + " attempts: " + message;
            LOG.warn("{}: {}", where, message);
        } else {
            LOG.error("{} failed", where, error);
        }
        services.retries().succeeded(run.uid(), key);
        run.set(condition, Conditions.FALSE, REASON, message);
        services.events().warning(run.migration(), REASON, message);
        return StepResult.proceed();
    }

    /** Called after a step returned normally: its error attempts start again from zero. */
    static void cleared(MigrationRun run, RunServices services, Step step) {
        services.retries().succeeded(run.uid(), "error:" + step.condition().name());
    }

    static boolean isTransient(RuntimeException error) {
        Throwable cause = error;
        if (cause instanceof OperatorException && cause.getCause() != null) {
            cause = cause.getCause(); // a status write that kept conflicting
        }
        if (cause instanceof KubernetesClientException kubernetes) {
            int code = kubernetes.getCode();
            return code == 0 || code == HttpURLConnection.HTTP_CLIENT_TIMEOUT || code == HttpURLConnection.HTTP_CONFLICT
                    || code == 429 || code >= HttpURLConnection.HTTP_INTERNAL_ERROR;
        }
        return false;
    }

    /**
     * What went wrong in one line: for a Kubernetes API answer its code, reason and message (the API server's
     * message names the resource and, for RBAC, the missing permission); otherwise the exception's type and message.
     */
    private static String describe(RuntimeException error) {
        Throwable cause = error instanceof OperatorException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof KubernetesClientException kubernetes) {
            Status status = kubernetes.getStatus();
            if (kubernetes.getCode() > 0 && status != null && status.getMessage() != null) {
                return "Kubernetes API answered " + kubernetes.getCode()
                        + (status.getReason() == null ? "" : " " + status.getReason()) + ": " + status.getMessage();
            }
            return kubernetes.getMessage();
        }
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }
}

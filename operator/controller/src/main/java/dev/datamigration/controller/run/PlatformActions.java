package dev.datamigration.controller.run;

import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DeploymentRecord;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.controller.platform.PlatformEndpoints.Side;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.status.OperationLog;
import dev.datamigration.controller.validation.EnvironmentValidator;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformClient.AppDeployment;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.PlatformClient.Operation;
import dev.datamigration.platform.PlatformClient.OperationState;
import dev.datamigration.platform.PlatformException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The platform side effects of a run — stopping the source environment, undeploying and redeploying target apps, on
 * O11 and ODC alike — all driven by {@link #perform} the same way, each recorded as one entry of
 * {@code status.operations}:
 * <ol>
 * <li>the intent first: a Requested entry is persisted before the call;</li>
 * <li>the call; an operation the platform still runs keeps its key in the entry (Running) and is polled;</li>
 * <li>the outcome: Succeeded or Failed.</li>
 * </ol>
 * After a restart a Running entry is polled, not started again; a Requested entry (the operator stopped between the
 * write and the call's answer) is settled by looking at the platform first — an app no longer deployed, an
 * environment the platform reports stopped, counts as done — and only otherwise called again (LifeTime reports no
 * maintenance mode: an O11 stop or undeploy is made again, which is idempotent). A Requested redeploy is always
 * called again: redeploying is idempotent, and forgetting one would strand an undeployed app.
 */
final class PlatformActions {

    /** A platform operation ended Failed: permanent for this run. */
    static final class OperationFailedException extends RuntimeException {
        OperationFailedException(String message) {
            super(message);
        }
    }

    /** What the three actions say and where they act; {@link #prepare} holds what they do differently. */
    private enum Kind {
        STOP(Side.source, "StoppingSource", "Stopping source environment ", "SourceStopped", "Source environment ",
                " stopped"),
        UNDEPLOY(Side.target, "UndeployingApp", "Undeploying target app ", "AppUndeployed", "Target app ",
                " undeployed"),
        REDEPLOY(Side.target, "RedeployingApp", "Redeploying target app ", "AppRedeployed", "Target app ",
                " redeployed");

        final Side side;
        final String startReason;
        final String starting;
        final String doneReason;
        final String donePrefix;
        final String doneSuffix;

        Kind(Side side, String startReason, String starting, String doneReason, String donePrefix,
                String doneSuffix) {
            this.side = side;
            this.startReason = startReason;
            this.starting = starting;
            this.doneReason = doneReason;
            this.donePrefix = donePrefix;
            this.doneSuffix = doneSuffix;
        }

        static Kind of(PlatformAction action) {
            return switch (action) {
                case StopEnvironment -> STOP;
                case Undeploy -> UNDEPLOY;
                case Redeploy -> REDEPLOY;
            };
        }

        String environment(DataMigrationSpec spec) {
            return side == Side.source ? spec.getSource().getEnvironment() : spec.getTarget().getEnvironment();
        }

        /** "stopping source environment Production", for messages. */
        String doing(String subject) {
            return Character.toLowerCase(starting.charAt(0)) + starting.substring(1) + subject;
        }
    }

    /** A call ready to be made, and what to record with its intent. */
    private record Call(Function<String, Operation> start, DeploymentRecord deployment) {
    }

    private PlatformActions() {
    }

    /**
     * Drives one platform operation: empty once it succeeded, a result telling the loop to poll while the platform
     * runs it; {@link OperationFailedException} when it ended Failed. {@code condition} is the step's, which shows
     * the wait.
     */
    static Optional<StepResult> perform(MigrationRun run, RunServices services, PlatformAction action,
            String subject, ConditionType condition) {
        Kind kind = Kind.of(action);
        OperationLog log = run.operations();
        Optional<PlatformOperation> recorded = log.find(action, subject);
        PlatformOperationState state = recorded.map(PlatformOperation::getState).orElse(null);
        if (state == PlatformOperationState.Succeeded) {
            return Optional.empty();
        }
        if (state == PlatformOperationState.Failed) {
            throw failed(kind, subject, recorded.get().getMessage());
        }
        PlatformClient client = services.platform().client(kind.side);
        Environment environment = client.environment(kind.environment(run.migration().getSpec()));
        if (state == PlatformOperationState.Running) {
            return settle(run, services, kind, recorded.get(),
                    client.operation(environment, recorded.get().getOperationKey()), condition);
        }
        Optional<Call> call = prepare(action, client, environment, subject, log, state != null);
        if (call.isEmpty()) {
            // intent recorded, outcome unknown, and the platform shows it done
            return done(run, services, kind, recorded.get(), null);
        }
        PlatformOperation entry;
        if (recorded.isPresent()) {
            entry = recorded.get();
        } else {
            entry = log.request(action, subject, run.now());
            entry.setDeployment(call.get().deployment());
            services.status().checkpoint(run);
            services.events().normal(run.migration(), kind.startReason, kind.starting + subject);
        }
        Operation operation = call.get().start().apply(reason(run));
        return settle(run, services, kind, entry, operation, condition);
    }

    /**
     * Looks at the platform before a call. Empty when an intent already recorded ({@code requested}) turns out done:
     * the environment is stopped, or the app is no longer deployed (or listed). Redeploys are never found done.
     */
    private static Optional<Call> prepare(PlatformAction action, PlatformClient client, Environment environment,
            String subject, OperationLog log, boolean requested) {
        switch (action) {
            case StopEnvironment -> {
                if (requested && environment.stopped()) {
                    return Optional.empty();
                }
                return Optional.of(new Call(reason -> client.stopEnvironment(environment, reason), null));
            }
            case Undeploy -> {
                Optional<AppDeployment> listed = EnvironmentValidator.find(client.applications(environment), subject);
                if (requested && (listed.isEmpty() || !listed.get().deployed())) {
                    return Optional.empty();
                }
                AppDeployment app = listed.orElseThrow(() -> notInTarget(environment, subject));
                return Optional.of(new Call(reason -> client.undeploy(environment, app, reason), record(app)));
            }
            default -> {
                // the app as it ran before its undeploy (recorded then), or as the platform lists it now
                Optional<DeploymentRecord> before = log.find(PlatformAction.Undeploy, subject)
                        .map(PlatformOperation::getDeployment);
                AppDeployment app = before.isPresent() ? deployment(subject, before.get())
                        : EnvironmentValidator.find(client.applications(environment), subject)
                                .orElseThrow(() -> notInTarget(environment, subject));
                return Optional.of(new Call(reason -> client.redeploy(environment, app, reason), null));
            }
        }
    }

    /**
     * Waits for an operation that was still running when the run was interrupted (an undeploy, in Restoring), and
     * records its outcome without failing the step: what follows (the redeploy) is needed either way. Empty once it
     * is done, or when it was not running.
     */
    static Optional<StepResult> awaitRunning(MigrationRun run, RunServices services, PlatformAction action,
            String subject) {
        Optional<PlatformOperation> running = run.operations().find(action, subject)
                .filter(entry -> entry.getState() == PlatformOperationState.Running);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Kind kind = Kind.of(action);
        PlatformClient client = services.platform().client(kind.side);
        Environment environment = client.environment(kind.environment(run.migration().getSpec()));
        Operation operation = client.operation(environment, running.get().getOperationKey());
        if (!operation.isDone()) {
            return Optional.of(StepResult.recheckAfter(services.settings().pollInterval()));
        }
        if (operation.state() == OperationState.Succeeded) {
            run.operations().succeeded(running.get(), operation.key(), run.now());
        } else {
            run.operations().failed(running.get(), operation.key(), operation.message(), run.now());
        }
        return Optional.empty();
    }

    /**
     * A started or polled operation: still running → keep its key and poll later; succeeded → empty; failed →
     * {@link OperationFailedException}.
     */
    private static Optional<StepResult> settle(MigrationRun run, RunServices services, Kind kind,
            PlatformOperation entry, Operation operation, ConditionType condition) {
        if (!operation.isDone()) {
            run.operations().running(entry, operation.key(), run.now());
            run.set(condition, Conditions.UNKNOWN, "WaitingForPlatform", "Waiting for the platform: "
                    + kind.doing(entry.getSubject()));
            return Optional.of(StepResult.recheckAfter(services.settings().pollInterval()));
        }
        if (operation.state() == OperationState.Failed) {
            run.operations().failed(entry, operation.key(), operation.message(), run.now());
            throw failed(kind, entry.getSubject(), operation.message());
        }
        return done(run, services, kind, entry, operation.key());
    }

    private static Optional<StepResult> done(MigrationRun run, RunServices services, Kind kind,
            PlatformOperation entry, String operationKey) {
        run.operations().succeeded(entry, operationKey, run.now());
        services.events().normal(run.migration(), kind.doneReason, kind.donePrefix + entry.getSubject()
                + kind.doneSuffix);
        return Optional.empty();
    }

    private static OperationFailedException failed(Kind kind, String subject, String message) {
        return new OperationFailedException(kind.doing(subject) + " failed on the platform"
                + (message == null ? "" : ": " + message));
    }

    private static DeploymentRecord record(AppDeployment app) {
        DeploymentRecord record = new DeploymentRecord();
        record.setAppKey(app.key());
        record.setBuildKey(app.buildKey());
        record.setRevision(app.revision());
        return record;
    }

    /** An app recorded before its undeploy: it was published and deployed then (validation checked it). */
    private static AppDeployment deployment(String name, DeploymentRecord record) {
        return new AppDeployment(record.getAppKey(), name, true, true, record.getBuildKey(), record.getRevision());
    }

    private static PlatformException notInTarget(Environment environment, String app) {
        return new PlatformException("app " + app + " is not in target environment " + environment.name(), 404,
                false);
    }

    private static String reason(MigrationRun run) {
        return "DataMigration " + run.migration().getMetadata().getNamespace() + "/" + run.name();
    }

    /**
     * A platform call threw: a transient failure is retried with back-off up to the configured attempts; anything
     * else (or the last attempt) ends the step False with a message naming what failed.
     */
    static StepResult failure(MigrationRun run, RunServices services, String step, ConditionType condition,
            RuntimeException error) {
        boolean retryable = error instanceof PlatformException platform && platform.isTransient();
        String message = error.getMessage();
        if (retryable) {
            int attempt = services.retries().failed(run.uid(), step);
            if (attempt < services.settings().platformAttempts()) {
                run.set(condition, Conditions.UNKNOWN, "PlatformRetry", "Platform call failed (attempt " + attempt
                        + " of " + services.settings().platformAttempts() + "), retrying: " + message);
                services.events().warning(run.migration(), "PlatformRetry", message);
                return StepResult.recheckAfter(services.settings().backoff(attempt));
            }
            message = "platform API still failing after " + attempt + " attempts: " + message;
        }
        services.retries().succeeded(run.uid(), step);
        run.set(condition, Conditions.FALSE, "PlatformFailed", message);
        services.events().warning(run.migration(), "PlatformFailed", message);
        return StepResult.proceed();
    }
}

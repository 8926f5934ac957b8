package dev.datamigration.controller.run;

import dev.datamigration.controller.platform.DeploymentRecord;
import dev.datamigration.controller.platform.PlatformEndpoints.Side;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.validation.EnvironmentValidator;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformClient.AppDeployment;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.PlatformClient.Operation;
import dev.datamigration.platform.PlatformClient.OperationState;
import dev.datamigration.platform.PlatformException;
import java.util.List;
import java.util.Optional;

/**
 * The platform side effects of a run, each made restart-safe the same way: the intent is persisted in the status
 * before the call; a started operation's key is kept until it is done; after a restart an intent without an
 * operation key is settled by looking at the platform's state before calling again, so no call is repeated
 * needlessly and none is forgotten.
 */
final class PlatformActions {

    /** A platform operation ended Failed: permanent for this run. */
    static final class OperationFailedException extends RuntimeException {
        OperationFailedException(String message) {
            super(message);
        }
    }

    private PlatformActions() {
    }

    /**
     * Stops the source environment. Returns empty when it is stopped, or the result telling the loop to poll.
     */
    static Optional<StepResult> stopSource(MigrationRun run, RunServices services) {
        String name = run.migration().getSpec().getSource().getEnvironment();
        String key = "stop:" + name;
        PlatformClient client = services.platform().client(Side.source);
        Environment environment = client.environment(name);
        String pending = run.operations().get(key);
        Operation operation;
        if (pending != null) {
            operation = client.operation(environment, pending);
        } else if (Boolean.TRUE.equals(run.source().getStopRequested())) {
            if (environment.stopped()) {
                return stopped(run, services, name);
            }
            operation = client.stopEnvironment(environment, reason(run, services));
        } else {
            run.source().setStopRequested(true);
            services.status().checkpoint(run);
            services.events().normal(run.migration(), "StoppingSource", "Stopping source environment " + name);
            operation = client.stopEnvironment(environment, reason(run, services));
        }
        return settle(run, services, key, operation, "stopping source environment " + name, ConditionType.Quiesced)
                .or(() -> stopped(run, services, name));
    }

    private static Optional<StepResult> stopped(MigrationRun run, RunServices services, String name) {
        run.source().setEnvironmentStopped(true);
        services.events().normal(run.migration(), "SourceStopped", "Source environment " + name + " stopped");
        return Optional.empty();
    }

    /** Undeploys one target app. Empty when it is undeployed. */
    static Optional<StepResult> undeploy(MigrationRun run, RunServices services, String app) {
        String key = "undeploy:" + app;
        PlatformClient client = services.platform().client(Side.target);
        Environment environment = client.environment(run.migration().getSpec().getTarget().getEnvironment());
        String pending = run.operations().get(key);
        Operation operation;
        if (pending != null) {
            operation = client.operation(environment, pending);
        } else {
            Optional<AppDeployment> listed = EnvironmentValidator.find(client.applications(environment), app);
            if (run.target().getUndeployRequested().contains(app)) {
                // intent recorded, outcome unknown: an app no longer deployed (or listed) was undeployed
                if (listed.isEmpty() || !listed.get().deployed()) {
                    return undeployed(run, services, app);
                }
            }
            AppDeployment deployment = listed.orElseThrow(() -> new PlatformException("app " + app
                    + " is not in target environment " + environment.name(), 404, false));
            if (!run.target().getUndeployRequested().contains(app)) {
                run.target().getUndeployRequested().add(app);
                run.operations().put(DeploymentRecord.PREFIX + app, DeploymentRecord.encode(deployment));
                services.status().checkpoint(run);
                services.events().normal(run.migration(), "UndeployingApp", "Undeploying target app " + app);
            }
            operation = client.undeploy(environment, deployment, reason(run, services));
        }
        return settle(run, services, key, operation, "undeploying target app " + app, ConditionType.Quiesced)
                .or(() -> undeployed(run, services, app));
    }

    private static Optional<StepResult> undeployed(MigrationRun run, RunServices services, String app) {
        if (!run.target().getUndeployedApps().contains(app)) {
            run.target().getUndeployedApps().add(app);
        }
        services.events().normal(run.migration(), "AppUndeployed", "Target app " + app + " undeployed");
        return Optional.empty();
    }

    /** Waits for an undeploy that was still running when the run was interrupted. Empty once it is done. */
    static Optional<StepResult> finishUndeploy(MigrationRun run, RunServices services, String app) {
        String key = "undeploy:" + app;
        String pending = run.operations().get(key);
        if (pending == null) {
            return Optional.empty();
        }
        PlatformClient client = services.platform().client(Side.target);
        Environment environment = client.environment(run.migration().getSpec().getTarget().getEnvironment());
        Operation operation = client.operation(environment, pending);
        if (!operation.isDone()) {
            return Optional.of(StepResult.recheckAfter(services.settings().pollInterval()));
        }
        run.operations().remove(key);
        if (operation.state() == OperationState.Succeeded && !run.target().getUndeployedApps().contains(app)) {
            run.target().getUndeployedApps().add(app);
        }
        return Optional.empty();
    }

    /**
     * Redeploys one target app. Empty when it is deployed again. Redeploying is idempotent on both platforms, so an
     * intent without an operation key (the operator stopped right after recording it) is simply issued again:
     * forgetting it would leave the app undeployed.
     */
    static Optional<StepResult> redeploy(MigrationRun run, RunServices services, String app) {
        String key = "redeploy:" + app;
        PlatformClient client = services.platform().client(Side.target);
        Environment environment = client.environment(run.migration().getSpec().getTarget().getEnvironment());
        String pending = run.operations().get(key);
        Operation operation;
        if (pending != null) {
            operation = client.operation(environment, pending);
        } else {
            AppDeployment deployment = recorded(run, services, client, environment, app);
            if (!run.target().getRedeployRequested().contains(app)) {
                run.target().getRedeployRequested().add(app);
                services.status().checkpoint(run);
                services.events().normal(run.migration(), "RedeployingApp", "Redeploying target app " + app);
            }
            operation = client.redeploy(environment, deployment, reason(run, services));
        }
        return settle(run, services, key, operation, "redeploying target app " + app, ConditionType.Restored)
                .or(() -> redeployed(run, services, app));
    }

    /** The app as it ran before its undeploy (recorded then), or as the platform lists it now. */
    private static AppDeployment recorded(MigrationRun run, RunServices services, PlatformClient client, Environment environment,
            String app) {
        String record = run.operations().get(DeploymentRecord.PREFIX + app);
        if (record != null) {
            return DeploymentRecord.decode(record);
        }
        return deployment(client, environment, app);
    }

    private static Optional<StepResult> redeployed(MigrationRun run, RunServices services, String app) {
        if (!run.target().getRedeployedApps().contains(app)) {
            run.target().getRedeployedApps().add(app);
        }
        services.events().normal(run.migration(), "AppRedeployed", "Target app " + app + " redeployed");
        return Optional.empty();
    }

    /**
     * A started or polled operation: still running -> keep its key and poll later; succeeded -> empty;
     * failed -> {@link OperationFailedException}.
     */
    private static Optional<StepResult> settle(MigrationRun run, RunServices services, String key, Operation operation, String what,
            ConditionType condition) {
        if (!operation.isDone()) {
            run.operations().put(key, operation.key());
            run.set(condition, Conditions.UNKNOWN, "WaitingForPlatform", "Waiting for the platform: " + what);
            return Optional.of(StepResult.recheckAfter(services.settings().pollInterval()));
        }
        run.operations().remove(key);
        if (operation.state() == OperationState.Failed) {
            throw new OperationFailedException(what + " failed on the platform"
                    + (operation.message() == null ? "" : ": " + operation.message()));
        }
        return Optional.empty();
    }

    private static AppDeployment deployment(PlatformClient client, Environment environment, String app) {
        List<AppDeployment> apps = client.applications(environment);
        return EnvironmentValidator.find(apps, app).orElseThrow(() -> new PlatformException(
                "app " + app + " is not in target environment " + environment.name(), 404, false));
    }

    private static String reason(MigrationRun run, RunServices services) {
        return "DataMigration " + run.migration().getMetadata().getNamespace() + "/" + run.name();
    }

    /**
     * A platform call threw: a transient failure is retried with back-off up to the configured attempts; anything
     * else (or the last attempt) ends the step False with a message naming what failed.
     */
    static StepResult failure(MigrationRun run, RunServices services, String step, ConditionType condition, RuntimeException error) {
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

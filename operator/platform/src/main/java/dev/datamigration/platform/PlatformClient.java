package dev.datamigration.platform;

import java.util.List;

/**
 * What the operator asks of an OutSystems platform (O11 LifeTime v2 or ODC). Every call is short: it has connect
 * and read timeouts and bounded retries, and long platform work is started, then polled with {@link #operation}.
 * Implementations never put credentials into exception messages.
 */
public interface PlatformClient {

    /** The environment (O11) or stage (ODC) with this name, or a {@link PlatformException} (notFound) if none. */
    Environment environment(String name);

    /** Every app of the environment with entities, with its published and deployed state. */
    List<AppDeployment> applications(Environment environment);

    /**
     * Stops the environment for end users (O11: maintenance mode on). Idempotent: stopping a stopped
     * environment succeeds. Returns an operation to poll.
     */
    Operation stopEnvironment(Environment environment, String reason);

    /** Undeploys one app (ODC: Undeploy operation; O11: the environment goes into maintenance mode). */
    Operation undeploy(Environment environment, AppDeployment app, String reason);

    /** Deploys an app again after {@link #undeploy} (ODC: Deploy of the same build; O11: maintenance mode off). */
    Operation redeploy(Environment environment, AppDeployment app, String reason);

    /** The current state of an operation started by this client, found again by its key after a restart. */
    Operation operation(Environment environment, String operationKey);

    /** An environment or stage. */
    record Environment(String key, String name, boolean stopped) {
    }

    /**
     * An application as deployed in one environment. {@code revision}/{@code buildKey} are what an ODC redeploy
     * needs; O11 leaves them null.
     */
    record AppDeployment(String key, String name, boolean published, boolean deployed, String buildKey,
            Integer revision) {
    }

    /** A platform operation: started, then polled until done. */
    record Operation(String key, OperationState state, String message) {

        public boolean isDone() {
            return state != OperationState.Running;
        }
    }

    /** State of a platform operation. */
    enum OperationState {
        Running,
        Succeeded,
        Failed
    }
}

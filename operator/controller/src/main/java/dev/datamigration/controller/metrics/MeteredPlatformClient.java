package dev.datamigration.controller.metrics;

import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformException;
import java.util.List;
import java.util.function.Supplier;

/** Counts every platform call by operation and outcome (ok, transient, permanent). */
public final class MeteredPlatformClient implements PlatformClient {

    private final PlatformClient delegate;
    private final MigrationMetrics metrics;

    public MeteredPlatformClient(PlatformClient delegate, MigrationMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Environment environment(String name) {
        return call("environment", () -> delegate.environment(name));
    }

    @Override
    public List<AppDeployment> applications(Environment environment) {
        return call("applications", () -> delegate.applications(environment));
    }

    @Override
    public Operation stopEnvironment(Environment environment, String reason) {
        return call("stopEnvironment", () -> delegate.stopEnvironment(environment, reason));
    }

    @Override
    public Operation undeploy(Environment environment, AppDeployment app, String reason) {
        return call("undeploy", () -> delegate.undeploy(environment, app, reason));
    }

    @Override
    public Operation redeploy(Environment environment, AppDeployment app, String reason) {
        return call("redeploy", () -> delegate.redeploy(environment, app, reason));
    }

    @Override
    public Operation operation(Environment environment, String operationKey) {
        return call("operation", () -> delegate.operation(environment, operationKey));
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            T result = call.get();
            metrics.platformCall(operation, "ok");
            return result;
        } catch (PlatformException e) {
            metrics.platformCall(operation, e.isTransient() ? "transient" : "permanent");
            throw e;
        }
    }
}

package dev.datamigration.controller.testing;

import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform held in memory that behaves like the real APIs as the operator uses them: environments and apps with
 * published/deployed state, operations that stay Running for a number of polls before they take effect, 404 for
 * unknown names, and injected transient (5xx) or permanent failures per operation. Every side-effect call is
 * logged in order so tests can assert exactly what the platform saw.
 */
public final class InMemoryPlatform implements PlatformClient {

    private final Map<String, Env> environments = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Integer> transientFailures = new HashMap<>();
    private final Map<String, Op> operations = new HashMap<>();
    private int pollsPerOperation;
    private int nextOperation = 1;

    private static final class Env {
        final String key;
        boolean stopped;
        final Map<String, App> apps = new LinkedHashMap<>();

        Env(String key) {
            this.key = key;
        }
    }

    private static final class App {
        final String key;
        boolean published;
        boolean deployed;

        App(String key, boolean published, boolean deployed) {
            this.key = key;
            this.published = published;
            this.deployed = deployed;
        }
    }

    private record Op(Runnable effect, String description, int[] pollsLeft) {
    }

    public synchronized InMemoryPlatform environment(String name, String... apps) {
        Env env = new Env("env-" + name.toLowerCase());
        for (String app : apps) {
            env.apps.put(app, new App("app-" + app.toLowerCase(), true, true));
        }
        environments.put(name, env);
        return this;
    }

    public synchronized InMemoryPlatform app(String environment, String app, boolean published, boolean deployed) {
        environments.get(environment).apps.put(app, new App("app-" + app.toLowerCase(), published, deployed));
        return this;
    }

    /** Operations stay Running for this many polls before they take effect. */
    public synchronized InMemoryPlatform pollsPerOperation(int polls) {
        this.pollsPerOperation = polls;
        return this;
    }

    /** The next {@code count} calls of {@code operation} fail with a 503. */
    public synchronized InMemoryPlatform failTransiently(String operation, int count) {
        transientFailures.put(operation, count);
        return this;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized boolean isStopped(String environment) {
        return environments.get(environment).stopped;
    }

    public synchronized boolean isDeployed(String environment, String app) {
        return environments.get(environment).apps.get(app).deployed;
    }

    @Override
    public synchronized Environment environment(String name) {
        fault("environment");
        Env env = environments.get(name);
        if (env == null) {
            throw new PlatformException("environment " + name + " not found", 404, false);
        }
        return new Environment(env.key, name, env.stopped);
    }

    @Override
    public synchronized List<AppDeployment> applications(Environment environment) {
        fault("applications");
        return env(environment).apps.entrySet().stream()
                .map(e -> new AppDeployment(e.getValue().key, e.getKey(), e.getValue().published,
                        e.getValue().deployed, null, null))
                .toList();
    }

    @Override
    public synchronized Operation stopEnvironment(Environment environment, String reason) {
        fault("stopEnvironment");
        calls.add("stop " + environment.name());
        Env env = env(environment);
        return start(() -> env.stopped = true, "stop " + environment.name());
    }

    @Override
    public synchronized Operation undeploy(Environment environment, AppDeployment app, String reason) {
        fault("undeploy");
        calls.add("undeploy " + environment.name() + "/" + app.name());
        App target = env(environment).apps.get(app.name());
        return start(() -> target.deployed = false, "undeploy " + app.name());
    }

    @Override
    public synchronized Operation redeploy(Environment environment, AppDeployment app, String reason) {
        fault("redeploy");
        calls.add("redeploy " + environment.name() + "/" + app.name());
        App target = env(environment).apps.get(app.name());
        return start(() -> target.deployed = true, "redeploy " + app.name());
    }

    @Override
    public synchronized Operation operation(Environment environment, String operationKey) {
        fault("operation");
        Op op = operations.get(operationKey);
        if (op == null) {
            throw new PlatformException("operation " + operationKey + " not found", 404, false);
        }
        if (op.pollsLeft()[0] > 0) {
            op.pollsLeft()[0]--;
            if (op.pollsLeft()[0] > 0) {
                return new Operation(operationKey, OperationState.Running, op.description());
            }
            op.effect().run();
        }
        return new Operation(operationKey, OperationState.Succeeded, op.description());
    }

    private Operation start(Runnable effect, String description) {
        String key = "op-" + nextOperation++;
        if (pollsPerOperation == 0) {
            effect.run();
            operations.put(key, new Op(effect, description, new int[] {0}));
            return new Operation(key, OperationState.Succeeded, description);
        }
        operations.put(key, new Op(effect, description, new int[] {pollsPerOperation}));
        return new Operation(key, OperationState.Running, description);
    }

    private Env env(Environment environment) {
        Env env = environments.get(environment.name());
        if (env == null) {
            throw new PlatformException("environment " + environment.name() + " not found", 404, false);
        }
        return env;
    }

    private void fault(String operation) {
        Integer left = transientFailures.get(operation);
        if (left != null && left > 0) {
            transientFailures.put(operation, left - 1);
            calls.add("503 " + operation);
            throw new PlatformException(operation + ": HTTP 503 Service Unavailable", 503, true);
        }
    }
}

package dev.datamigration.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The mutable state behind the simulated LifeTime API: environments, their running apps, maintenance mode. */
final class LifeTimeWorld {

    private final Set<String> tokens;
    private final List<SimulatorState.Environment> environments;
    private final Map<String, Boolean> maintenance = new LinkedHashMap<>();

    LifeTimeWorld(SimulatorState.LifeTime state) {
        this.tokens = Set.copyOf(state.tokens());
        this.environments = state.environments();
        for (SimulatorState.Environment environment : environments) {
            maintenance.put(environment.key(), environment.maintenanceMode());
        }
    }

    boolean validToken(String token) {
        return tokens.contains(token);
    }

    List<SimulatorState.Environment> environments() {
        return environments;
    }

    Optional<SimulatorState.Environment> environment(String key) {
        return environments.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    Optional<SimulatorState.Environment> environmentNamed(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Environments where an app with this key is running, for {@code AppStatusInEnvs}. */
    List<Map.Entry<SimulatorState.Environment, SimulatorState.Application>> runningEverywhere(String appKey) {
        List<Map.Entry<SimulatorState.Environment, SimulatorState.Application>> result = new ArrayList<>();
        for (SimulatorState.Environment environment : environments) {
            environment.applications().stream()
                    .filter(a -> a.key().equals(appKey) && a.deployed())
                    .findFirst()
                    .ifPresent(a -> result.add(Map.entry(environment, a)));
        }
        return result;
    }

    synchronized void setMaintenanceMode(String environmentKey, boolean enabled) {
        maintenance.put(environmentKey, enabled);
    }

    synchronized boolean maintenanceMode(String environmentKey) {
        return maintenance.getOrDefault(environmentKey, false);
    }
}

package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of planning: apps in wave order with their entities in load order, the second passes, the wipe of each
 * app, warnings that do not stop the run and errors that do. A plan with errors must not be copied.
 */
public record Plan(List<AppPlan> apps, List<DeferredReference> deferred, Map<String, WipePlan> wipes,
                   List<String> warnings, List<String> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }

    public Optional<AppPlan> app(String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<EntityPlan> entity(EntityKey key) {
        return apps.stream().flatMap(a -> a.entities().stream()).filter(e -> e.key().equals(key)).findFirst();
    }
}

package dev.datamigration.engine.copy;

import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.DeferredReference;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which entities of one app must be loaded before another may start, so that loads can run at once without changing
 * the result. A load of E writes E's table and, in its second passes, the tables of the owners of deferred references
 * to E; it reads (checks foreign keys against) the tables E references. E waits for every entity earlier in the
 * plan's load order that writes a table E writes or references. That covers the referenced entities themselves, the
 * owners of deferred references to E (their rows must exist before the second pass sets them), and two entities
 * whose second passes update the same owner (they would lock the same rows). Entities are only ever made to wait for
 * earlier ones, so the plan's order is always one valid schedule and loads one at a time run exactly as before.
 */
final class LoadDependencies {

    private final Map<EntityKey, Set<EntityKey>> waitsFor = new HashMap<>();
    private final Map<EntityKey, Set<EntityKey>> verifyAfter = new HashMap<>();

    LoadDependencies(AppPlan app, Plan plan) {
        List<EntityPlan> entities = app.entities();
        Map<EntityKey, Set<EntityKey>> writes = new HashMap<>();
        for (EntityPlan e : entities) {
            Set<EntityKey> tables = new HashSet<>();
            tables.add(e.key());
            for (DeferredReference d : plan.deferred()) {
                if (d.referenced().equals(e.key())) {
                    tables.add(d.owner());
                }
                if (d.owner().equals(e.key())) {
                    verifyAfter.computeIfAbsent(e.key(), k -> new LinkedHashSet<>()).add(d.referenced());
                }
            }
            writes.put(e.key(), tables);
        }
        for (int i = 0; i < entities.size(); i++) {
            EntityPlan e = entities.get(i);
            Set<EntityKey> touched = new HashSet<>(writes.get(e.key()));
            for (ColumnPlan c : e.columns()) {
                if (c.referenced() != null) {
                    touched.add(c.referenced());
                }
            }
            Set<EntityKey> before = new LinkedHashSet<>();
            for (int j = 0; j < i; j++) {
                EntityKey earlier = entities.get(j).key();
                if (writes.get(earlier).stream().anyMatch(touched::contains)) {
                    before.add(earlier);
                }
            }
            waitsFor.put(e.key(), before);
        }
    }

    /** The entities that must be loaded (committed) before {@code entity}'s load starts. */
    Set<EntityKey> loadAfter(EntityKey entity) {
        return waitsFor.getOrDefault(entity, Set.of());
    }

    /**
     * The entities that must be loaded before {@code entity} is verified: those whose loads set its deferred
     * references in a second pass (its rows are final only then).
     */
    Set<EntityKey> verifyAfter(EntityKey entity) {
        return verifyAfter.getOrDefault(entity, Set.of());
    }
}

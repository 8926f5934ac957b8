package dev.datamigration.engine.plan;

import java.util.List;

/** One application: its dependency wave, the in-scope apps it references, and its entities in load order. */
public record AppPlan(String name, int wave, List<String> dependsOn, List<EntityPlan> entities) {
}

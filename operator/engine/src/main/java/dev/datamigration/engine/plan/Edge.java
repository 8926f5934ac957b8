package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;

/**
 * A constrained reference between two in-scope entities: {@code from.attribute -> to}. {@code optional} when it may
 * be loaded empty (not mandatory in the metamodel and nullable in the target table), so it can break a cycle.
 */
public record Edge(EntityKey from, String attributeKey, String attributeName, EntityKey to, boolean optional) {

    public boolean selfReference() {
        return from.equals(to);
    }
}

package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;

/**
 * A reference column loaded NULL and set in a second pass once {@code referenced} has been loaded. The second pass
 * runs in the load transaction of {@code referenced} (for a self reference, the entity itself).
 */
public record DeferredReference(EntityKey owner, ColumnPlan column, EntityKey referenced) {
}

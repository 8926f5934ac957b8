package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.dialect.PhysicalColumn;

/**
 * One target column of an entity load. Either copied from {@code source} (translated per {@code ref}) or filled with
 * {@code constant} (target-only attribute or leftover NOT NULL column). {@code deferred} columns are written NULL in
 * the load and set by the second pass. {@code referenced} is the entity a reference points to (STATIC: the static
 * entity; NONE with a value: an in-scope entity).
 */
public record ColumnPlan(String attribute, PhysicalColumn target, PhysicalColumn source, Object constant,
                         RefKind ref, EntityKey referenced, boolean deferred) {

    public boolean copied() {
        return source != null;
    }
}

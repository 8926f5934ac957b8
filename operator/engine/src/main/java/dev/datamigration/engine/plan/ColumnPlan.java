package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.mask.Masker;

/**
 * One target column of an entity load. Either copied from {@code source} (translated per {@code ref}) or filled with
 * {@code constant} (target-only attribute or leftover NOT NULL column). {@code deferred} columns are written NULL in
 * the load and set by the second pass. {@code referenced} is the entity a reference points to (STATIC: the static
 * entity; NONE with a value: an in-scope entity). {@code mask}, when not null, rewrites every copied value before it
 * is written or hashed (masking rules).
 */
public record ColumnPlan(String attribute, PhysicalColumn target, PhysicalColumn source, Object constant,
                         RefKind ref, EntityKey referenced, boolean deferred, Masker mask) {

    /** An unmasked column. */
    public ColumnPlan(String attribute, PhysicalColumn target, PhysicalColumn source, Object constant, RefKind ref,
                      EntityKey referenced, boolean deferred) {
        this(attribute, target, source, constant, ref, referenced, deferred, null);
    }

    public boolean copied() {
        return source != null;
    }

    public ColumnPlan withMask(Masker masker) {
        return new ColumnPlan(attribute, target, source, constant, ref, referenced, deferred, masker);
    }
}

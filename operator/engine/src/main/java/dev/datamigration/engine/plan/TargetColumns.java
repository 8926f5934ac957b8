package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.EntityDef;

/**
 * The target column name of an attribute, looked up in the target table ignoring case. An O11 target names its
 * columns after the attributes ({@link #ATTRIBUTE_NAMES}); an ODC stage's columns come from the mapping.
 */
@FunctionalInterface
public interface TargetColumns {

    /** O11: the column is the attribute's name. */
    TargetColumns ATTRIBUTE_NAMES = (entity, attribute) -> attribute.name();

    String column(EntityDef targetEntity, AttributeDef attribute);
}

package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;
import java.util.List;

/**
 * How one entity is copied. {@code sourceTable}/{@code targetTable} are real physical names. {@code identifier} is the
 * column plan of the identifier; {@code columns} are the target columns in load order (the identifier included).
 */
public record EntityPlan(EntityKey key, String app, String module, String name, String sourceTable,
                         String targetTable, String targetEventTable, ColumnPlan identifier,
                         List<ColumnPlan> columns, long estimatedRows) {

    /** "App.Entity", the name used in messages. */
    public String label() {
        return app + "." + name;
    }
}

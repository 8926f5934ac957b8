package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity's copied references to in-scope entities, counted in the Sync's own scan of the source: per reference, a
 * LEFT JOIN with the referenced entity's source table on its identifier (unique, so no row is repeated) and the
 * condition of a value whose row the source does not have (Delete Rule Ignore leaves such values; a copy warns about
 * them). A copy scans the source once more for this; a Sync that hashes the source in SQL needs no other scan.
 */
final class DanglingReferences {

    private final List<ColumnPlan> columns;
    private final String joins;
    private final List<String> conditions;

    private DanglingReferences(List<ColumnPlan> columns, String joins, List<String> conditions) {
        this.columns = columns;
        this.joins = joins;
        this.conditions = conditions;
    }

    /** The references of {@code entity} (all its columns, deferred ones too) into entities of {@code plan}. */
    static DanglingReferences of(EntityPlan entity, Plan plan, Dialect dialect) {
        List<ColumnPlan> columns = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        List<String> conditions = new ArrayList<>();
        for (ColumnPlan c : entity.columns()) {
            if (!c.copied() || c.ref() != RefKind.NONE || c.referenced() == null) {
                continue;
            }
            EntityPlan referenced = plan.entity(c.referenced()).orElse(null);
            if (referenced == null) {
                continue;
            }
            String alias = "sync_p" + columns.size();
            String value = "t." + dialect.quote(c.source().name());
            String key = alias + "." + dialect.quote(referenced.identifier().source().name());
            joins.append(" LEFT JOIN ").append(dialect.quote(referenced.sourceTable())).append(" AS ").append(alias)
                    .append(" ON ").append(key).append(" = ").append(value);
            conditions.add(value + " IS NOT NULL AND " + key + " IS NULL");
            columns.add(c);
        }
        return new DanglingReferences(List.copyOf(columns), joins.toString(), List.copyOf(conditions));
    }

    /** The joins to append after the source rows' {@code t}. */
    String joins() {
        return joins;
    }

    /** Per reference, the condition of a dangling value. */
    List<String> conditions() {
        return conditions;
    }

    /** The references with at least one dangling value, from a scan's counts of {@link #conditions} at {@code from}. */
    List<ColumnPlan> found(long[] counted, int from) {
        List<ColumnPlan> found = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (counted[from + i] > 0) {
                found.add(columns.get(i));
            }
        }
        return found;
    }
}

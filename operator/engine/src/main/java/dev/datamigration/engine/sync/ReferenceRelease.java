package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import dev.datamigration.engine.plan.RefKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes an entity's obsolete rows (keys the source no longer has) inside its Sync transaction. A Replace can delete
 * everything because its wipe empties the referencing tables first; a Sync keeps them, so the in-scope rows that still
 * point at an obsolete key through a foreign key constraint are released first: a nullable reference is set to NULL,
 * a mandatory one's row is deleted. Neither loses anything: an entity that references this one is synced after it
 * (load order) and writes its rows and references back from the source, and a deferred reference into this entity is
 * set by this step's second pass, which runs after the deletes. Releasing first also keeps an
 * {@code ON DELETE CASCADE} from deleting in-scope rows behind the Sync's back.
 * <p>
 * A reference without a constraint (Delete Rule Ignore) is left as it is: the delete cannot fail on it, and the value
 * may be exactly what a Replace writes, a reference to a row the source deleted (copied as is). Releasing it would
 * lose that value where nothing writes it back, in the rows of this same entity (a self reference), whose merge has
 * already run.
 */
final class ReferenceRelease {

    private record Reference(EntityPlan owner, ColumnPlan column) {
    }

    private final Connection target;
    private final Dialect dialect;
    private final int batchSize;

    ReferenceRelease(Connection target, Dialect dialect, int batchSize) {
        this.target = target;
        this.dialect = dialect;
        this.batchSize = batchSize;
    }

    /** Deletes the rows of {@code entity} with the {@code obsolete} keys; returns the rows deleted. */
    long delete(EntityPlan entity, Plan plan, List<Object> obsolete, boolean textKey) throws SQLException {
        List<Reference> references = new ArrayList<>();
        for (AppPlan app : plan.apps()) {
            for (EntityPlan owner : app.entities()) {
                for (ColumnPlan c : owner.columns()) {
                    if (c.copied() && c.ref() == RefKind.NONE && entity.key().equals(c.referenced())
                            && constrained(owner.targetTable(), c.target().name())) {
                        references.add(new Reference(owner, c));
                    }
                }
            }
        }
        long deleted = 0;
        for (int from = 0; from < obsolete.size(); from += batchSize) {
            List<Object> chunk = obsolete.subList(from, Math.min(obsolete.size(), from + batchSize));
            Array keys = target.createArrayOf(textKey ? "text" : "bigint", chunk.toArray());
            for (Reference r : references) {
                String table = dialect.quote(r.owner().targetTable());
                String column = dialect.quote(r.column().target().name());
                String sql = r.column().target().nullable()
                        ? "UPDATE " + table + " SET " + column + " = NULL WHERE " + column + " = ANY(?)"
                        : "DELETE FROM " + table + " WHERE " + column + " = ANY(?)";
                execute(sql, keys);
            }
            deleted += execute("DELETE FROM " + dialect.quote(entity.targetTable()) + " WHERE "
                    + dialect.quote(entity.identifier().target().name()) + " = ANY(?)", keys);
        }
        return deleted;
    }

    /** Whether a foreign key constraint of {@code table} covers {@code column}. */
    private boolean constrained(String table, String column) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_constraint c JOIN"
                + " pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE c.contype = 'f'"
                + " AND c.conrelid = to_regclass(?) AND a.attname = ?)")) {
            ps.setString(1, dialect.quote(table));
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private long execute(String sql, Array keys) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            ps.setArray(1, keys);
            return ps.executeLargeUpdate();
        }
    }
}

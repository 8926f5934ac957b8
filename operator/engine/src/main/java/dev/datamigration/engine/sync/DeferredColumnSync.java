package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.remap.Remaps;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The Sync form of a second pass: sets one deferred reference column of {@code owner} to its source value (remapped)
 * where the target holds something else, and to NULL on target rows the source does not have. It runs in the Sync
 * transaction of the referenced entity, after that entity's rows are written and its obsolete rows deleted, so every
 * value it writes points at a row that exists, as in a Replace. Both sides stream the key and the one column in key
 * order (narrow, but every row): the column's value is only known after the remap.
 */
final class DeferredColumnSync {

    private final Connection source;
    private final Dialect sourceDialect;
    private final Connection target;
    private final Dialect targetDialect;
    private final Remaps remaps;
    private final int batchSize;

    DeferredColumnSync(Connection source, Dialect sourceDialect, Connection target, Dialect targetDialect,
                       Remaps remaps, int batchSize) {
        this.source = source;
        this.sourceDialect = sourceDialect;
        this.target = target;
        this.targetDialect = targetDialect;
        this.remaps = remaps;
        this.batchSize = batchSize;
    }

    /** Returns the target rows whose column it set. */
    long sync(EntityPlan owner, ColumnPlan column) throws SQLException {
        ColumnPlan value = new ColumnPlan(column.attribute(), column.target(), column.source(), null, column.ref(),
                column.referenced(), false);
        EntityPlan pair = new EntityPlan(owner.key(), owner.app(), owner.module(), owner.name(), owner.sourceTable(),
                owner.targetTable(), owner.targetEventTable(), owner.identifier(),
                List.of(owner.identifier(), value), owner.estimatedRows());
        RowTransformer transformer = new RowTransformer(pair, sourceDialect, remaps, RowTransformer.Mode.FINAL,
                false);
        RowCanon canon = new RowCanon(new dev.datamigration.engine.dialect.ValueKind[] {
                owner.identifier().target().kind(), column.target().kind()});
        String update = "UPDATE " + targetDialect.quote(owner.targetTable()) + " SET "
                + targetDialect.quote(column.target().name()) + " = ? WHERE "
                + targetDialect.quote(owner.identifier().target().name()) + " = ?";
        long set = 0;
        try (KeyedRows from = SideReads.source(source, sourceDialect, pair, transformer, 0, batchSize).all();
             KeyedRows to = SideReads.target(target, targetDialect, pair, 0, batchSize).all();
             PreparedStatement write = target.prepareStatement(update)) {
            int pending = 0;
            boolean hasSource = from.next();
            boolean hasTarget = to.next();
            while (hasTarget) {
                int order = !hasSource ? 1 : KeyedRows.compare(from.key(), to.key());
                if (order < 0) {
                    hasSource = from.next();
                    continue;
                }
                Object wanted = order == 0 ? from.row()[1] : null;
                Object[] stored = to.row();
                if (order > 0 ? stored[1] != null
                        : !canon.text(new Object[] {stored[0], wanted}).equals(canon.text(stored))) {
                    targetDialect.bind(write, 1, wanted, column.target().kind());
                    targetDialect.bind(write, 2, stored[0], owner.identifier().target().kind());
                    write.addBatch();
                    set++;
                    if (++pending == batchSize) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (order == 0) {
                    hasSource = from.next();
                }
                hasTarget = to.next();
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
        return set;
    }
}

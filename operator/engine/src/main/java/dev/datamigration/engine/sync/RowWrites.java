package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The inserts and updates of one entity's Sync, sent in batches on the target connection (inside the entity's
 * transaction). An inserted row carries NULL in the deferred reference columns, as a Replace load does (they point at
 * rows that may not exist yet; the second pass sets them); an update leaves them alone (their own diff, run when the
 * referenced entity is synced, sets them).
 */
final class RowWrites implements AutoCloseable {

    private final Dialect dialect;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    /** Per entity column: its index in the compared row, or -1 for a deferred column (inserted NULL). */
    private final int[] insertFrom;
    private final ValueKind[] insertKinds;
    /** The compared row's non-key columns, in SET order, then the key. */
    private final int[] updateFrom;
    private final ValueKind[] updateKinds;
    private final int batchSize;
    private int pendingInserts;
    private int pendingUpdates;

    RowWrites(Connection target, Dialect dialect, EntityPlan entity, EntityPlan view, int keyIndex, int batchSize)
            throws SQLException {
        this.dialect = dialect;
        this.batchSize = batchSize;
        List<ColumnPlan> all = entity.columns();
        List<ColumnPlan> compared = view.columns();
        insertFrom = new int[all.size()];
        insertKinds = new ValueKind[all.size()];
        for (int i = 0; i < all.size(); i++) {
            insertFrom[i] = compared.indexOf(all.get(i));
            insertKinds[i] = all.get(i).target().kind();
        }
        List<Integer> set = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            if (i != keyIndex) {
                set.add(i);
            }
        }
        set.add(keyIndex);
        updateFrom = set.stream().mapToInt(Integer::intValue).toArray();
        updateKinds = set.stream().map(i -> compared.get(i).target().kind()).toArray(ValueKind[]::new);
        String table = dialect.quote(entity.targetTable());
        insert = target.prepareStatement("INSERT INTO " + table + " ("
                + all.stream().map(c -> dialect.quote(c.target().name())).collect(Collectors.joining(", "))
                + ") VALUES (" + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
        String assignments = set.subList(0, set.size() - 1).stream()
                .map(i -> dialect.quote(compared.get(i).target().name()) + " = ?").collect(Collectors.joining(", "));
        update = assignments.isEmpty() ? null : target.prepareStatement("UPDATE " + table + " SET " + assignments
                + " WHERE " + dialect.quote(compared.get(keyIndex).target().name()) + " = ?");
    }

    void insert(Object[] row) throws SQLException {
        for (int i = 0; i < insertFrom.length; i++) {
            dialect.bind(insert, i + 1, insertFrom[i] < 0 ? null : row[insertFrom[i]], insertKinds[i]);
        }
        insert.addBatch();
        if (++pendingInserts == batchSize) {
            insert.executeBatch();
            pendingInserts = 0;
        }
    }

    void update(Object[] row) throws SQLException {
        if (update == null) {
            // Only the key is compared, and equal keys mean equal rows: never reached.
            throw new IllegalStateException("nothing to update");
        }
        for (int i = 0; i < updateFrom.length; i++) {
            dialect.bind(update, i + 1, row[updateFrom[i]], updateKinds[i]);
        }
        update.addBatch();
        if (++pendingUpdates == batchSize) {
            update.executeBatch();
            pendingUpdates = 0;
        }
    }

    void flush() throws SQLException {
        if (pendingInserts > 0) {
            insert.executeBatch();
            pendingInserts = 0;
        }
        if (pendingUpdates > 0) {
            update.executeBatch();
            pendingUpdates = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.close();
        } finally {
            if (update != null) {
                update.close();
            }
        }
    }
}

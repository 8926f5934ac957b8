package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inserts and updates of one entity's Sync, on the target connection (inside the entity's transaction). Rows are
 * collected and sent as one multi-row statement per chunk: an {@code INSERT ... VALUES (...), (...)} and an
 * {@code UPDATE ... FROM (VALUES ...)} joined on the key, each value cast to its column's type. One statement per row
 * cost a round trip per changed row, which on a busy host was most of a Sync's time. An inserted row carries NULL in
 * the deferred reference columns, as a Replace load does (they point at rows that may not exist yet; the second pass
 * sets them); an update leaves them alone (their own diff, run when the referenced entity is synced, sets them).
 */
final class RowWrites implements AutoCloseable {

    /** Most bind parameters of one statement (PostgreSQL's protocol allows 65,535). */
    private static final int MAX_PARAMETERS = 30_000;

    private final Connection target;
    private final Dialect dialect;
    private final String table;
    /** Per entity column: its index in the compared row, or -1 for a deferred column (inserted NULL). */
    private final int[] insertFrom;
    private final ValueKind[] insertKinds;
    private final List<String> insertColumns;
    private final List<String> insertTypes;
    /** The compared row's non-key columns, in SET order, then the key. */
    private final int[] updateFrom;
    private final ValueKind[] updateKinds;
    private final List<String> updateColumns;
    private final List<String> updateTypes;
    private final int insertChunk;
    private final int updateChunk;
    private final List<Object[]> inserts = new ArrayList<>();
    private final List<Object[]> updates = new ArrayList<>();

    RowWrites(Connection target, Dialect dialect, EntityPlan entity, EntityPlan view, int keyIndex, int batchSize)
            throws SQLException {
        this.target = target;
        this.dialect = dialect;
        this.table = dialect.quote(entity.targetTable());
        List<ColumnPlan> all = entity.columns();
        List<ColumnPlan> compared = view.columns();
        Map<String, String> types = columnTypes(target, table);
        insertFrom = new int[all.size()];
        insertKinds = new ValueKind[all.size()];
        insertColumns = new ArrayList<>();
        insertTypes = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            insertFrom[i] = compared.indexOf(all.get(i));
            insertKinds[i] = all.get(i).target().kind();
            insertColumns.add(all.get(i).target().name());
            insertTypes.add(type(types, entity, all.get(i).target().name()));
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
        updateColumns = set.stream().map(i -> compared.get(i).target().name()).toList();
        updateTypes = updateColumns.stream().map(c -> type(types, entity, c)).toList();
        insertChunk = Math.max(1, Math.min(batchSize, MAX_PARAMETERS / Math.max(1, insertFrom.length)));
        updateChunk = Math.max(1, Math.min(batchSize, MAX_PARAMETERS / Math.max(1, updateFrom.length)));
    }

    /** The SQL type of each column of {@code table} (as {@code format_type} spells it), for the VALUES casts. */
    private static Map<String, String> columnTypes(Connection target, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    private static String type(Map<String, String> types, EntityPlan entity, String column) {
        String type = types.get(column);
        if (type == null) {
            throw new IllegalStateException(entity.targetTable() + "." + column + " is not a column of the target");
        }
        return type;
    }

    void insert(Object[] row) throws SQLException {
        Object[] values = new Object[insertFrom.length];
        for (int i = 0; i < insertFrom.length; i++) {
            values[i] = insertFrom[i] < 0 ? null : row[insertFrom[i]];
        }
        inserts.add(values);
        if (inserts.size() == insertChunk) {
            flushInserts();
        }
    }

    void update(Object[] row) throws SQLException {
        if (updateFrom.length < 2) {
            // Only the key is compared, and equal keys mean equal rows: never reached.
            throw new IllegalStateException("nothing to update");
        }
        Object[] values = new Object[updateFrom.length];
        for (int i = 0; i < updateFrom.length; i++) {
            values[i] = row[updateFrom[i]];
        }
        updates.add(values);
        if (updates.size() == updateChunk) {
            flushUpdates();
        }
    }

    void flush() throws SQLException {
        flushInserts();
        flushUpdates();
    }

    private void flushInserts() throws SQLException {
        if (inserts.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (" + insertColumns.stream().map(dialect::quote)
                .collect(Collectors.joining(", ")) + ") VALUES " + values(inserts.size(), insertTypes);
        execute(sql, inserts, insertKinds);
        inserts.clear();
    }

    private void flushUpdates() throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        int key = updateColumns.size() - 1;
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < updateColumns.size(); i++) {
            aliases.add("sync_v" + i);
        }
        String assignments = java.util.stream.IntStream.range(0, key)
                .mapToObj(i -> dialect.quote(updateColumns.get(i)) + " = v." + aliases.get(i))
                .collect(Collectors.joining(", "));
        String sql = "UPDATE " + table + " AS t SET " + assignments + " FROM (VALUES " + values(updates.size(),
                updateTypes) + ") AS v(" + String.join(", ", aliases) + ") WHERE t." + dialect.quote(updateColumns
                .get(key)) + " = v." + aliases.get(key);
        execute(sql, updates, updateKinds);
        updates.clear();
    }

    /** {@code rows} rows of placeholders, each cast to its column's type (VALUES has no column types of its own). */
    private static String values(int rows, List<String> types) {
        String row = types.stream().map(t -> "?::" + t).collect(Collectors.joining(", ", "(", ")"));
        return String.join(", ", Collections.nCopies(rows, row));
    }

    private void execute(String sql, List<Object[]> rows, ValueKind[] kinds) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            int index = 1;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    dialect.bind(ps, index++, row[i], kinds[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        // Nothing is held between chunks: each statement is closed once sent.
    }
}

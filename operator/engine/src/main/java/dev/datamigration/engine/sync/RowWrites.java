package dev.datamigration.engine.sync;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The inserts and updates of one entity's Sync, on the target connection (inside the entity's transaction). Where the
 * target role may create temporary tables, the rows are loaded chunk by chunk with the dialect's bulk writer (binary
 * COPY) into two temporary tables shaped like the entity's ({@code ON COMMIT DROP}, so a rolled-back or killed Sync
 * leaves nothing), and {@link #apply applied} at the end with one {@code UPDATE ... FROM} joined on the key and one
 * {@code INSERT ... SELECT}, after the obsolete rows are deleted; otherwise each chunk is one multi-row statement, an
 * {@code INSERT ... VALUES (...), (...)} or an {@code UPDATE ... FROM (VALUES ...)}, each value cast to its column's
 * type (PostgreSQL parses and binds tens of thousands of parameters per statement, several times the COPY's cost).
 * One statement per row cost a round trip per changed row, which on a busy host was most of a Sync's time. Inserts
 * override an identity column's own values ({@code OVERRIDING SYSTEM VALUE}, needed where it is
 * {@code GENERATED ALWAYS}): the rows keep the source's identifiers, as a Replace's COPY keeps them. An inserted row
 * carries NULL in the deferred reference columns, as a Replace load does (they point at rows that may not exist yet;
 * the second pass sets them); an update leaves them alone (their own diff, run when the referenced entity is synced,
 * sets them).
 */
final class RowWrites implements AutoCloseable {

    /** Numbers the staging tables of one JVM (two Syncs on one connection never share one). */
    private static final AtomicLong STAGES = new AtomicLong();
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
    /** The entity's columns, as the bulk writer of the staging table takes them. */
    private final List<PhysicalColumn> physical;
    /** Whether chunks go through a staging table (the role may create temporary tables). */
    private final boolean staged;
    /** The staging tables of the inserted and of the updated rows, once created in this transaction. */
    private String insertStage;
    private String updateStage;

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
        physical = all.stream().map(ColumnPlan::target).toList();
        staged = mayCreateTemporaryTables(target);
        insertChunk = staged ? Math.max(1, batchSize)
                : Math.max(1, Math.min(batchSize, MAX_PARAMETERS / Math.max(1, insertFrom.length)));
        updateChunk = staged ? Math.max(1, batchSize)
                : Math.max(1, Math.min(batchSize, MAX_PARAMETERS / Math.max(1, updateFrom.length)));
    }

    private static boolean mayCreateTemporaryTables(Connection target) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(
                "SELECT has_database_privilege(current_database(), 'TEMPORARY')");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
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

    /** Sends what is still collected: written (multi-row statements) or staged (applied by {@link #apply}). */
    void flush() throws SQLException {
        flushUpdates();
        flushInserts();
    }

    /**
     * Applies the staged rows, once the merge has ended and the obsolete rows are deleted: the updates, then the
     * inserts. In that order a unique value may move from a deleted row to an updated or inserted one, or from an
     * updated row to an inserted one, as a Replace (which writes into emptied tables) allows. Without staging the
     * rows were written chunk by chunk during the merge; nothing is left to do.
     */
    void apply() throws SQLException {
        if (updateStage != null) {
            int key = updateColumns.size() - 1;
            String assignments = java.util.stream.IntStream.range(0, key)
                    .mapToObj(i -> dialect.quote(updateColumns.get(i)) + " = s." + dialect.quote(updateColumns.get(i)))
                    .collect(Collectors.joining(", "));
            String k = dialect.quote(updateColumns.get(key));
            execute("UPDATE " + table + " AS t SET " + assignments + " FROM " + dialect.quote(updateStage)
                    + " AS s WHERE t." + k + " = s." + k);
        }
        if (insertStage != null) {
            String columns = insertColumns.stream().map(dialect::quote).collect(Collectors.joining(", "));
            execute("INSERT INTO " + table + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + columns
                    + " FROM " + dialect.quote(insertStage));
        }
    }

    private void flushInserts() throws SQLException {
        if (inserts.isEmpty()) {
            return;
        }
        if (staged) {
            if (insertStage == null) {
                insertStage = createStage();
            }
            stageRows(insertStage, inserts, java.util.stream.IntStream.range(0, insertFrom.length).toArray());
            inserts.clear();
            return;
        }
        String sql = "INSERT INTO " + table + " (" + insertColumns.stream().map(dialect::quote)
                .collect(Collectors.joining(", ")) + ") OVERRIDING SYSTEM VALUE VALUES " + values(inserts.size(),
                insertTypes);
        execute(sql, inserts, insertKinds);
        inserts.clear();
    }

    private void flushUpdates() throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        int key = updateColumns.size() - 1;
        if (staged) {
            if (updateStage == null) {
                updateStage = createStage();
            }
            stageRows(updateStage, updates, updateColumns.stream().mapToInt(insertColumns::indexOf).toArray());
            updates.clear();
            return;
        }
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

    /** A temporary table with the entity's columns and types, dropped when the Sync's transaction ends. */
    private String createStage() throws SQLException {
        String stage = "sync_rows_" + STAGES.incrementAndGet();
        execute("CREATE TEMPORARY TABLE " + dialect.quote(stage) + " (" + java.util.stream.IntStream
                .range(0, insertColumns.size()).mapToObj(i -> dialect.quote(insertColumns.get(i)) + " "
                        + insertTypes.get(i)).collect(Collectors.joining(", ")) + ") ON COMMIT DROP");
        return stage;
    }

    /**
     * Appends {@code rows} to the staging table {@code stage} with the bulk writer: value {@code i} of a row goes to
     * the entity's column {@code at[i]}, the other columns stay NULL.
     */
    private void stageRows(String stage, List<Object[]> rows, int[] at) throws SQLException {
        BulkWriter writer = dialect.openBulkWriter(target, stage, physical);
        try {
            Object[] wide = new Object[insertFrom.length];
            for (Object[] row : rows) {
                java.util.Arrays.fill(wide, null);
                for (int i = 0; i < at.length; i++) {
                    wide[at[i]] = row[i];
                }
                writer.write(wide);
            }
            writer.finish();
        } catch (ValueRejectedException e) {
            writer.abort();
            throw MigrationException.permanent(table + "." + insertColumns.get(e.column()) + ": a value cannot be"
                    + " written: " + e.getMessage());
        } catch (SQLException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute(sql);
        }
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

package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens the keyed reads of a Sync: one side's rows of a set of key ranges (or of the whole table), in identifier
 * order, as {@link KeyedRows}. The target is read as stored; the source through a {@link RowTransformer} in FINAL mode
 * over the compared columns, so its rows are what a Replace would write. On PostgreSQL all ranges are one query (the
 * ranges passed as two arrays and joined on the primary key); elsewhere one key-range query per range, chained.
 */
final class SideReads {

    /** Turns the current row of a result set into a row of normalised target values. */
    interface RowReader {
        Object[] read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String table;
    private final List<String> columns;
    private final String key;
    private final boolean textKey;
    private final int keyIndex;
    private final RowReader reader;
    private final int fetchSize;

    private SideReads(Connection connection, Dialect dialect, String table, List<String> columns, String key,
                      boolean textKey, int keyIndex, RowReader reader, int fetchSize) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.textKey = textKey;
        this.keyIndex = keyIndex;
        this.reader = reader;
        this.fetchSize = fetchSize;
    }

    /** The target's stored rows of {@code view} (its compared columns, the identifier at {@code keyIndex}). */
    static SideReads target(Connection target, Dialect dialect, EntityPlan view, int keyIndex, int fetchSize) {
        List<String> names = view.columns().stream().map(c -> c.target().name()).toList();
        ValueKind[] kinds = view.columns().stream().map(c -> c.target().kind()).toArray(ValueKind[]::new);
        Object[] row = new Object[kinds.length];
        RowReader reader = rs -> {
            for (int i = 0; i < kinds.length; i++) {
                row[i] = dialect.readValue(rs, i + 1, kinds[i]);
            }
            return row;
        };
        return new SideReads(target, dialect, view.targetTable(), names, view.identifier().target().name(),
                view.identifier().target().kind() != ValueKind.INTEGER, keyIndex, reader, fetchSize);
    }

    /** The source rows of {@code view} as {@code transformer} (FINAL mode, built on {@code view}) writes them. */
    static SideReads source(Connection source, Dialect dialect, EntityPlan view, RowTransformer transformer,
                            int keyIndex, int fetchSize) {
        return new SideReads(source, dialect, view.sourceTable(), transformer.sourceColumns(),
                view.identifier().source().name(), view.identifier().target().kind() != ValueKind.INTEGER, keyIndex,
                transformer::transform, fetchSize);
    }

    /** Every row, in identifier order. */
    KeyedRows all() throws SQLException {
        String order = dialect.quote(key) + (textKey && dialect.speaksPostgresSql() ? " COLLATE \"C\"" : "");
        String sql = "SELECT " + columns.stream().map(dialect::quote).collect(Collectors.joining(", ")) + " FROM "
                + dialect.quote(table) + " ORDER BY " + order;
        return query(dialect.prepareStreamingQuery(connection, sql, fetchSize));
    }

    /** The rows of the integer key ranges {@code [lo, hi)} (sorted, disjoint), in identifier order. */
    KeyedRows ranges(List<long[]> ranges) throws SQLException {
        if (dialect.speaksPostgresSql()) {
            PreparedStatement ps = dialect.prepareStreamingQuery(connection, "SELECT "
                    + columns.stream().map(c -> "t." + dialect.quote(c)).collect(Collectors.joining(", "))
                    + " FROM " + RangeArrays.rangeScan(dialect, table, key, "t") + " ORDER BY t." + dialect.quote(key),
                    fetchSize);
            RangeArrays.bind(connection, ps, ranges);
            return query(ps);
        }
        return new Chained(ranges);
    }

    private KeyedRows query(PreparedStatement ps) throws SQLException {
        return KeyedRows.over(ps, reader, keyIndex);
    }

    /** One key-range query per range, read one after the other (engines without array parameters). */
    private final class Chained implements KeyedRows {
        private final List<long[]> ranges;
        private int next;
        private KeyedRows current;

        Chained(List<long[]> ranges) {
            this.ranges = ranges;
        }

        @Override
        public boolean next() throws SQLException {
            while (true) {
                if (current != null && current.next()) {
                    return true;
                }
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (next == ranges.size()) {
                    return false;
                }
                long[] range = ranges.get(next++);
                PreparedStatement ps = dialect.prepareStreamingQuery(connection,
                        dialect.keyRangeSql(table, columns, key), fetchSize);
                ps.setLong(1, range[0]);
                ps.setLong(2, range[1]);
                current = query(ps);
            }
        }

        @Override
        public Object key() {
            return current.key();
        }

        @Override
        public Object[] row() {
            return current.row();
        }

        @Override
        public void close() throws SQLException {
            if (current != null) {
                current.close();
            }
        }
    }
}

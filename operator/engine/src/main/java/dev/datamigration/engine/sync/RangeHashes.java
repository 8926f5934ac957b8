package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.remap.RowTransformer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Row count and hash sum (modulo 2^64, see {@link RowCanon}) per key range of one side. Either computed by PostgreSQL
 * ({@link #inDatabase}: only the per-range sums cross the network) or in Java over streamed rows
 * ({@link #streamed}: the source side of an entity with a remapped, masked or converted column, whose written value
 * exists only after the {@link RowTransformer}).
 */
final class RangeHashes {

    final long[] rows;
    final long[] sums;
    /** Totals of the side's counted conditions ({@link Side#counted}), over all the rows read. */
    long[] counted = new long[0];

    private RangeHashes(int ranges) {
        rows = new long[ranges];
        sums = new long[ranges];
    }

    /**
     * One side's rows as hashed by its database: {@code table} (alias {@code t}) with {@code joins} after it (whose
     * parameters {@code lookups} binds, or none), the integer {@code key} column, the {@code rowHash} expression, and
     * conditions whose rows are counted in the same scan.
     */
    record Side(String table, String key, String rowHash, String joins, WrittenFormSql lookups,
                List<String> counted) {
    }

    /**
     * The hashes of {@code side} per bucket of {@code grid}, in one scan of the whole table grouped by bucket. The
     * bucket and the row hash are computed below the grouping, so only two numbers per row reach the aggregate (a
     * sort, if the planner picks one, moves them, not the rows).
     */
    static RangeHashes grouped(Connection connection, Dialect dialect, Side side, Grid grid) throws SQLException {
        StringBuilder inner = new StringBuilder("SELECT (t.").append(dialect.quote(side.key()))
                .append("::bigint - ?) / ? AS sync_b, ").append(side.rowHash()).append(" AS sync_h");
        for (int i = 0; i < side.counted().size(); i++) {
            inner.append(", (").append(side.counted().get(i)).append(")::int AS sync_c").append(i);
        }
        inner.append(" FROM ").append(dialect.quote(side.table())).append(" t").append(side.joins());
        RangeHashes hashes = new RangeHashes(grid.size());
        try (PreparedStatement ps = connection.prepareStatement(outer(inner, side))) {
            ps.setLong(1, grid.min());
            ps.setLong(2, grid.width());
            if (side.lookups() != null) {
                side.lookups().bind(connection, ps, 3);
            }
            hashes.read(ps, side.counted().size());
        }
        return hashes;
    }

    /**
     * The hashes of {@code side} in the {@code fanout} equal parts of each of {@code parents} (sorted, disjoint ranges
     * whose width is {@code fanout * part}); part {@code j} of parent {@code i} is range {@code i * fanout + j}. The
     * parents' rows are read by primary-key range scans (LATERAL, one per parent), so a few differing parents cost
     * their rows, not the table.
     */
    static RangeHashes split(Connection connection, Dialect dialect, Side side, List<long[]> parents, int fanout,
                             long part) throws SQLException {
        String k = dialect.quote(side.key());
        StringBuilder inner = new StringBuilder("SELECT t.sync_b, ").append(side.rowHash()).append(" AS sync_h");
        for (int i = 0; i < side.counted().size(); i++) {
            inner.append(", (").append(side.counted().get(i)).append(")::int AS sync_c").append(i);
        }
        inner.append(" FROM (SELECT x.*, (r.sync_i - 1) * ").append(fanout).append(" + (x.").append(k)
                .append("::bigint - r.sync_lo) / ? AS sync_b FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS"
                        + " r(sync_lo, sync_hi, sync_i) CROSS JOIN LATERAL (SELECT * FROM ")
                .append(dialect.quote(side.table())).append(" WHERE ").append(k).append(" >= r.sync_lo AND ")
                .append(k).append(" < r.sync_hi OFFSET 0) x) t").append(side.joins());
        RangeHashes hashes = new RangeHashes(parents.size() * fanout);
        try (PreparedStatement ps = connection.prepareStatement(outer(inner, side))) {
            ps.setLong(1, part);
            RangeArrays.bind(connection, ps, parents, 2);
            if (side.lookups() != null) {
                side.lookups().bind(connection, ps, 4);
            }
            hashes.read(ps, side.counted().size());
        }
        return hashes;
    }

    /** The grouping around a row query that selects sync_b, sync_h and the counted sync_c columns. */
    private static String outer(StringBuilder inner, Side side) {
        StringBuilder sql = new StringBuilder("SELECT sync_b, count(*), sum(sync_h)");
        for (int i = 0; i < side.counted().size(); i++) {
            sql.append(", sum(sync_c").append(i).append(")");
        }
        // OFFSET 0 keeps the row query a subquery of its own: the hash is computed before the grouping.
        return sql.append(" FROM (").append(inner).append(" OFFSET 0) s GROUP BY sync_b").toString();
    }

    private void read(PreparedStatement ps, int countedColumns) throws SQLException {
        counted = new long[countedColumns];
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int i = (int) rs.getLong(1);
                rows[i] = rs.getLong(2);
                // The exact sum (numeric) reduced modulo 2^64, as Java's long addition wraps.
                sums[i] = rs.getBigDecimal(3).toBigInteger().longValue();
                for (int c = 0; c < countedColumns; c++) {
                    counted[c] += rs.getLong(4 + c);
                }
            }
        }
    }

    boolean same(RangeHashes other, int range) {
        return rows[range] == other.rows[range] && sums[range] == other.sums[range];
    }

    /**
     * These counts with {@code other}'s hash sums added (modulo 2^64): the source's range hash when one part of each
     * row is hashed by the database and the other in Java, the target hashing each row as the sum of the same two
     * parts.
     */
    RangeHashes plus(RangeHashes other) {
        RangeHashes sum = new RangeHashes(rows.length);
        for (int i = 0; i < rows.length; i++) {
            sum.rows[i] = rows[i];
            sum.sums[i] = sums[i] + other.sums[i];
        }
        return sum;
    }

    long totalRows() {
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        return total;
    }

    /**
     * Hashes computed by PostgreSQL with {@code rowHash} (a {@link PgCanonSql} expression) over {@code table}, per
     * bucket of {@code grid}, in one scan grouped by bucket.
     */
    static RangeHashes inDatabase(Connection connection, Dialect dialect, String table, String key, String rowHash,
                                  Grid grid) throws SQLException {
        String sql = "SELECT (" + dialect.quote(key) + "::bigint - ?) / ?, count(*), sum(" + rowHash + ") FROM "
                + dialect.quote(table) + " GROUP BY 1";
        RangeHashes hashes = new RangeHashes(grid.size());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, grid.min());
            ps.setLong(2, grid.width());
            hashes.read(ps, 0);
        }
        return hashes;
    }

    /**
     * Hashes computed in Java: every source row streamed through {@code transformer} (FINAL mode over the compared
     * columns), hashed with {@code canon} and added to its grid bucket. The transformer counts the unmapped values,
     * so this one full pass is what the entity's warnings come from.
     */
    static RangeHashes streamed(Connection source, Dialect dialect, EntityPlan view, RowTransformer transformer,
                                RowCanon canon, int keyIndex, Grid grid, int fetchSize) throws SQLException {
        RangeHashes hashes = new RangeHashes(grid.size());
        try (var reader = TableRead.all(view.sourceTable(), transformer.sourceColumnDefs(), fetchSize)
                .open(dialect, source)) {
            Object[] buffer = transformer.sourceBuffer();
            while (reader.next(buffer)) {
                Object[] row = transformer.transformSource();
                int i = grid.bucket(((Number) row[keyIndex]).longValue());
                hashes.rows[i]++;
                hashes.sums[i] += canon.hash(row);
            }
        }
        return hashes;
    }

    /** Equal-width buckets {@code [min + i*width, min + (i+1)*width)} covering the key span. */
    record Grid(long min, long width, int size) {

        static Grid over(long min, long max, long width) {
            long span = max - min + 1;
            return new Grid(min, width, (int) ((span + width - 1) / width));
        }

        int bucket(long key) {
            return (int) ((key - min) / width);
        }

        long[] range(int i) {
            return new long[] {min + i * width, min + (i + 1) * width};
        }
    }
}

package dev.datamigration.engine.sync;

import dev.datamigration.engine.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Key ranges {@code [lo, hi)} as two bigint array parameters of a PostgreSQL query (1 and 2, or from {@code first}
 * on): their binding, and the range scan that reads their rows.
 */
final class RangeArrays {

    private RangeArrays() {
    }

    /**
     * The rows of {@code table} in the ranges bound as parameters 1 and 2, as {@code alias}, for a FROM clause: one
     * primary-key range scan per range (LATERAL with OFFSET 0, which keeps the planner from pulling the subquery up
     * into a plain join; a plain join lets it walk the whole table in key order against every range, which costs
     * rows x ranges).
     */
    static String rangeScan(Dialect dialect, String table, String key, String alias) {
        String k = dialect.quote(key);
        return "unnest(?::bigint[], ?::bigint[]) AS r(sync_lo, sync_hi) CROSS JOIN LATERAL (SELECT * FROM "
                + dialect.quote(table) + " WHERE " + k + " >= r.sync_lo AND " + k + " < r.sync_hi OFFSET 0) " + alias;
    }

    static void bind(Connection connection, PreparedStatement ps, List<long[]> ranges) throws SQLException {
        bind(connection, ps, ranges, 1);
    }

    static void bind(Connection connection, PreparedStatement ps, List<long[]> ranges, int first)
            throws SQLException {
        Long[] lo = new Long[ranges.size()];
        Long[] hi = new Long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            lo[i] = ranges.get(i)[0];
            hi[i] = ranges.get(i)[1];
        }
        ps.setArray(first, connection.createArrayOf("bigint", lo));
        ps.setArray(first + 1, connection.createArrayOf("bigint", hi));
    }
}

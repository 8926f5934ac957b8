package dev.datamigration.engine.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds a list of key ranges {@code [lo, hi)} as two bigint array parameters of a PostgreSQL query (1 and 2, or from
 * {@code first} on).
 */
final class RangeArrays {

    private RangeArrays() {
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

package dev.datamigration.engine.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds a list of key ranges {@code [lo, hi)} as the two bigint array parameters 1 and 2 of a PostgreSQL query. */
final class RangeArrays {

    private RangeArrays() {
    }

    static void bind(Connection connection, PreparedStatement ps, List<long[]> ranges) throws SQLException {
        Long[] lo = new Long[ranges.size()];
        Long[] hi = new Long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            lo[i] = ranges.get(i)[0];
            hi[i] = ranges.get(i)[1];
        }
        ps.setArray(1, connection.createArrayOf("bigint", lo));
        ps.setArray(2, connection.createArrayOf("bigint", hi));
    }
}

package dev.datamigration.engine.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One streaming read of a table as {@link Dialect#openBulkReader} takes it: {@code columns} (real names) of
 * {@code table}, every row in no particular order, or only the rows whose integer {@code key} lies in
 * {@code [from, to)} when {@code key} is not null; {@code fetchSize} is the rows held at a time.
 */
public record TableRead(String table, List<PhysicalColumn> columns, String key, long from, long to, int fetchSize) {

    /** Every row of the table. */
    public static TableRead all(String table, List<PhysicalColumn> columns, int fetchSize) {
        return new TableRead(table, columns, null, 0, 0, fetchSize);
    }

    /** The rows whose {@code key} lies in {@code [range[0], range[1])}. */
    public static TableRead range(String table, List<PhysicalColumn> columns, String key, long[] range,
                                  int fetchSize) {
        return new TableRead(table, columns, key, range[0], range[1], fetchSize);
    }

    /** Opens this read with {@code dialect}'s own reader. */
    public BulkReader open(Dialect dialect, Connection connection) throws SQLException {
        return dialect.openBulkReader(connection, table, columns, key, from, to, fetchSize);
    }
}

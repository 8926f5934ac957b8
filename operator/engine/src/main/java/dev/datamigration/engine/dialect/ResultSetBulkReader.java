package dev.datamigration.engine.dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A {@link BulkReader} over a streaming query, reading each column with {@link Dialect#readValue}. */
final class ResultSetBulkReader implements BulkReader {

    private final Dialect dialect;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ValueKind[] kinds;

    ResultSetBulkReader(Dialect dialect, PreparedStatement statement, ValueKind[] kinds) throws SQLException {
        this.dialect = dialect;
        this.statement = statement;
        this.kinds = kinds;
        try {
            this.rows = statement.executeQuery();
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public boolean next(Object[] values) throws SQLException {
        if (!rows.next()) {
            return false;
        }
        for (int i = 0; i < kinds.length; i++) {
            values[i] = dialect.readValue(rows, i + 1, kinds[i]);
        }
        return true;
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}

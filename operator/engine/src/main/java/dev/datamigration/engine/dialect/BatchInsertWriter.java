package dev.datamigration.engine.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link BulkWriter} over plain JDBC batching: {@code INSERT INTO t (cols) VALUES (?, ...)} with
 * {@code addBatch}/{@code executeBatch} every {@code batchSize} rows. The portable fallback (Oracle's recommended
 * path; also any engine without a bulk API). Holds at most one batch of parameters.
 */
public final class BatchInsertWriter implements BulkWriter {

    private final Dialect dialect;
    private final PreparedStatement insert;
    private final ValueKind[] kinds;
    private final int batchSize;
    private int pending;
    private long rows;
    private boolean closed;

    public BatchInsertWriter(Dialect dialect, Connection connection, String table, List<PhysicalColumn> columns,
                             int batchSize) throws SQLException {
        this.dialect = dialect;
        this.kinds = columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new);
        this.batchSize = batchSize;
        this.insert = connection.prepareStatement("INSERT INTO " + dialect.quote(table) + " ("
                + columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public void write(Object[] row) throws SQLException {
        for (int i = 0; i < kinds.length; i++) {
            dialect.bind(insert, i + 1, row[i], kinds[i]);
        }
        insert.addBatch();
        rows++;
        if (++pending == batchSize) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public long finish() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
        closeStatement();
        return rows;
    }

    @Override
    public void abort() {
        try {
            closeStatement();
        } catch (SQLException e) {
            // The caller rolls the transaction back; nothing of this writer survives it.
        }
    }

    private void closeStatement() throws SQLException {
        if (!closed) {
            closed = true;
            insert.close();
        }
    }
}

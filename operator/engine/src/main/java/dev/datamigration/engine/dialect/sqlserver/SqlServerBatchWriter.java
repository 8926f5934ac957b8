package dev.datamigration.engine.dialect.sqlserver;

import dev.datamigration.engine.dialect.BatchInsertWriter;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The fallback when the connection is not an mssql-jdbc connection (so {@code SQLServerBulkCopy} cannot be used):
 * batched {@code INSERT}s through {@link BatchInsertWriter}. When an identity column is written, the table is put in
 * {@code SET IDENTITY_INSERT ... ON} for the load and back {@code OFF} afterwards (only one table per session may have
 * it on), so ids are preserved exactly as with keep-identity bulk copy.
 */
final class SqlServerBatchWriter implements BulkWriter {

    /** Rows per {@code executeBatch}. */
    static final int BATCH_ROWS = 1_000;

    private final Connection connection;
    private final String identityTable;
    private final BatchInsertWriter insert;
    private boolean identityOn;

    private SqlServerBatchWriter(Connection connection, String identityTable, BatchInsertWriter insert) {
        this.connection = connection;
        this.identityTable = identityTable;
        this.insert = insert;
        this.identityOn = identityTable != null;
    }

    static SqlServerBatchWriter open(SqlServerDialect dialect, Connection connection, String table,
                                     List<PhysicalColumn> columns, boolean writesIdentity) throws SQLException {
        String identityTable = writesIdentity ? dialect.qualified(connection, table) : null;
        if (identityTable != null) {
            execute(connection, SqlServerDialect.identityInsertSql(identityTable, true));
        }
        try {
            return new SqlServerBatchWriter(connection, identityTable,
                    new BatchInsertWriter(dialect, connection, table, columns, BATCH_ROWS));
        } catch (SQLException | RuntimeException e) {
            if (identityTable != null) {
                execute(connection, SqlServerDialect.identityInsertSql(identityTable, false));
            }
            throw e;
        }
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        insert.write(row);
    }

    @Override
    public long finish() throws SQLException {
        long rows = insert.finish();
        identityOff();
        return rows;
    }

    @Override
    public void abort() {
        insert.abort();
        try {
            identityOff();
        } catch (SQLException e) {
            // The caller rolls back; IDENTITY_INSERT is a session setting that a failed session no longer needs.
        }
    }

    private void identityOff() throws SQLException {
        if (identityOn) {
            identityOn = false;
            execute(connection, SqlServerDialect.identityInsertSql(identityTable, false));
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}

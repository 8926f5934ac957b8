package dev.datamigration.engine.dialect.oracle;

import dev.datamigration.engine.dialect.BulkWriter;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads rows into one Oracle table with a batched {@code INSERT INTO t (cols) VALUES (?, ...)}
 * ({@code addBatch}/{@code executeBatch}). A batch is sent every {@link #BATCH_ROWS} rows or once the text and binary
 * it holds reach {@link #BATCH_BYTES}, so LOB-heavy tables never pile up in the driver. CLOB/NCLOB values are bound
 * with {@code setCharacterStream} and BLOB values with {@code setBinaryStream}, both with their length (Oracle's LOB
 * data interface, no temporary LOBs); VARCHAR2 text goes through {@link OracleDialect#bind} (the {@code ''} to
 * {@code ' '} mapping).
 *
 * <p>Batch size: Oracle documents 50-100 rows as the sweet spot for its batching; in practice round trips keep
 * dropping up to several hundred rows for the narrow rows OutSystems tables mostly have. 500 is the middle of the
 * 100-1000 range and bounded by bytes for wide rows. It has not been measured against a real Oracle server (none runs
 * here; an H2 run measures nothing about Oracle round trips), see docs/databases.md.
 */
final class OracleBatchWriter implements BulkWriter {

    static final int BATCH_ROWS = 500;
    static final long BATCH_BYTES = 16L << 20;

    private final OracleDialect dialect;
    private final List<OracleColumn> columns;
    private final PreparedStatement insert;
    private final int batchRows;
    private final long batchBytes;
    private int pending;
    private long pendingBytes;
    private long rows;
    private boolean closed;

    OracleBatchWriter(OracleDialect dialect, Connection connection, String table, List<OracleColumn> columns,
                      int batchRows, long batchBytes) throws SQLException {
        this.dialect = dialect;
        this.columns = columns;
        this.batchRows = batchRows;
        this.batchBytes = batchBytes;
        this.insert = connection.prepareStatement(insertSql(dialect, table, columns));
    }

    /** The INSERT this writer batches. */
    static String insertSql(OracleDialect dialect, String table, List<OracleColumn> columns) {
        return "INSERT INTO " + dialect.quote(table) + " ("
                + columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public void write(Object[] row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            pendingBytes += bind(i + 1, columns.get(i), row[i]);
        }
        insert.addBatch();
        rows++;
        if (++pending >= batchRows || pendingBytes >= batchBytes) {
            execute();
        }
    }

    /** Binds one value; returns the bytes of text/binary it holds (the batch's memory bound). */
    private long bind(int index, OracleColumn column, Object value) throws SQLException {
        if (value == null) {
            insert.setNull(index, column.jdbcType());
            return 0;
        }
        if (column.lob() && value instanceof String s) {
            String text = OracleDialect.toOracleText(s);
            insert.setCharacterStream(index, new StringReader(text), text.length());
            return 2L * text.length();
        }
        if (column.lob() && value instanceof byte[] b) {
            insert.setBinaryStream(index, new ByteArrayInputStream(b), b.length);
            return b.length;
        }
        dialect.bind(insert, index, value, column.kind());
        return value instanceof String s ? 2L * s.length() : value instanceof byte[] b ? b.length : 16;
    }

    private void execute() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
            pendingBytes = 0;
        }
    }

    @Override
    public long finish() throws SQLException {
        execute();
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

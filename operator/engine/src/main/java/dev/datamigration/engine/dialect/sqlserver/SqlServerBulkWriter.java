package dev.datamigration.engine.dialect.sqlserver;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import com.microsoft.sqlserver.jdbc.SQLServerConnection;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads rows into one SQL Server table through {@link SQLServerBulkCopy} on the caller's connection and transaction.
 * Rows are converted on {@link #write} (so a bad value is rejected with its column before anything is sent) and
 * collected into a batch bounded by rows and by bytes; each full batch goes to the server as one
 * {@code writeToServer} call over a {@link SqlServerBulkData}. At most one batch is held in memory.
 *
 * <p>Options ({@link #options(int)}), and why:
 * <ul>
 *   <li>{@code keepIdentity=true}: OutSystems ids are preserved (needs ALTER permission on the table, like
 *       {@code SET IDENTITY_INSERT});</li>
 *   <li>{@code keepNulls=true}: a NULL reference stays NULL instead of taking the column's DEFAULT (the driver's
 *       default {@code false} would silently replace it);</li>
 *   <li>{@code batchSize} = the writer's batch rows, so each {@code writeToServer} call is one server batch;</li>
 *   <li>{@code bulkCopyTimeout=0}: no client timeout; a 60 s default would abort large LOB batches;</li>
 *   <li>{@code useInternalTransaction=false}: the rows join the caller's transaction (delete + load + second pass +
 *       reseed commit together);</li>
 *   <li>{@code checkConstraints=true}: the engine loads referenced entities first and deferred references as NULL, so
 *       every FOREIGN KEY/CHECK holds during the load; checking keeps those constraints trusted (a bulk load without
 *       it marks them {@code is_not_trusted}) and turns a broken reference into an error instead of bad data;</li>
 *   <li>{@code fireTriggers=false}: copied rows are not application events (O11 BPT triggers must not fire);</li>
 *   <li>{@code tableLock=false}: the table may be read by others during the copy.</li>
 * </ul>
 */
final class SqlServerBulkWriter implements BulkWriter {

    /** Rows per batch: one {@code writeToServer} call and one server batch. */
    static final int BATCH_ROWS = 5_000;
    /** Converted text and binary held per batch before it is sent, whatever the row count (LOB-heavy tables). */
    static final long BATCH_BYTES = 32L << 20;

    /** Where a full batch goes: {@code SQLServerBulkCopy.writeToServer} in production. */
    @FunctionalInterface
    interface BatchSink {
        void write(ISQLServerBulkData batch) throws SQLException;
    }

    private final List<SqlServerBulkValues> columns;
    private final BatchSink sink;
    private final AutoCloseable resource;
    private final int batchRows;
    private final long batchBytes;
    private final List<Object[]> batch = new ArrayList<>();
    private long batchSize;
    private long written;
    private boolean closed;

    SqlServerBulkWriter(List<SqlServerBulkValues> columns, BatchSink sink, AutoCloseable resource, int batchRows,
                        long batchBytes) {
        this.columns = columns;
        this.sink = sink;
        this.resource = resource;
        this.batchRows = batchRows;
        this.batchBytes = batchBytes;
    }

    /** A writer into {@code destination} (already quoted, schema-qualified) over an mssql-jdbc connection. */
    static SqlServerBulkWriter open(Connection connection, String destination, List<SqlServerColumn> columns)
            throws SQLException {
        List<String> destinationNames = destinationColumnNames(connection, destination);
        SQLServerBulkCopy copy = new SQLServerBulkCopy(connection.unwrap(SQLServerConnection.class));
        try {
            copy.setDestinationTableName(destination);
            copy.setBulkCopyOptions(options(BATCH_ROWS));
            for (int i = 0; i < columns.size(); i++) {
                copy.addColumnMapping(i + 1, mappedName(columns.get(i).name(), destinationNames, destination));
            }
        } catch (SQLException | RuntimeException e) {
            copy.close();
            throw e;
        }
        List<SqlServerBulkValues> values = columns.stream().map(SqlServerBulkValues::new).toList();
        return new SqlServerBulkWriter(values, copy::writeToServer, copy, BATCH_ROWS, BATCH_BYTES);
    }

    /**
     * The destination's column names as {@code SQLServerBulkCopy} itself sees them: the names of the destination's
     * result-set metadata, which it compares with each mapping's name <em>exactly</em> (case-sensitively), failing
     * with "Column x is invalid. Please check your column mappings." The catalog may spell a name differently
     * (Babelfish's {@code sys.columns} reports lower case), and a name from the source or the metadata may differ in
     * case from the table's in a case-insensitive database, so the mapping uses these names.
     */
    static List<String> destinationColumnNames(Connection connection, String destination) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT TOP 0 * FROM " + destination)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
        }
        return names;
    }

    /** The destination's spelling of {@code column}: the exact name, else the one name equal ignoring case. */
    static String mappedName(String column, List<String> destinationNames, String destination) throws SQLException {
        if (destinationNames.contains(column)) {
            return column;
        }
        List<String> matches = destinationNames.stream().filter(n -> n.equalsIgnoreCase(column)).toList();
        if (matches.size() != 1) {
            throw new SQLException("SQL Server table " + destination + " has " + (matches.isEmpty() ? "no column "
                    : "several columns named ") + column + " (its columns: " + destinationNames + ")", "42S22");
        }
        return matches.get(0);
    }

    /** The bulk-copy options the copier uses (see the class comment for each choice). */
    static SQLServerBulkCopyOptions options(int batchRows) throws SQLException {
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setKeepIdentity(true);
        options.setKeepNulls(true);
        options.setBatchSize(batchRows);
        options.setBulkCopyTimeout(0);
        options.setUseInternalTransaction(false);
        options.setCheckConstraints(true);
        options.setFireTriggers(false);
        options.setTableLock(false);
        return options;
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        Object[] converted = new Object[columns.size()];
        long size = 0;
        for (int i = 0; i < converted.length; i++) {
            converted[i] = columns.get(i).convert(i, row[i]);
            size += SqlServerBulkValues.sizeOf(converted[i]);
        }
        batch.add(converted);
        batchSize += size;
        if (batch.size() >= batchRows || batchSize >= batchBytes) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        sink.write(new SqlServerBulkData(columns, batch));
        written += batch.size();
        batch.clear();
        batchSize = 0;
    }

    @Override
    public long finish() throws SQLException {
        flush();
        release();
        return written;
    }

    @Override
    public void abort() {
        batch.clear();
        release();
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resource.close();
        } catch (Exception e) {
            // Closing the bulk copy releases client state only; the caller rolls the transaction back on failure.
        }
    }
}

package dev.datamigration.engine.dialect;

import java.sql.SQLException;

/**
 * Writes rows into one target table inside the caller's transaction, in the column order given when it was opened.
 * Values are the engine's normalised values ({@link ValueKind}). The writer buffers at most a bounded amount of data
 * (its batch), never the table. {@link #finish()} flushes and returns the rows written; {@link #abort()} discards what
 * was not yet committed and must be safe to call after a failure.
 */
public interface BulkWriter extends AutoCloseable {

    /** Adds one row. The array may be reused by the caller after the call returns. */
    void write(Object[] row) throws SQLException, ValueRejectedException;

    /** Flushes everything and returns the number of rows written. */
    long finish() throws SQLException;

    /** Abandons the load; the caller rolls the transaction back. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}

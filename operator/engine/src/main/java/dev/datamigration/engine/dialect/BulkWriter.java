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

    /**
     * A feed of this load for one of several threads writing at once (parallel streams of one entity): rows of
     * different parts may interleave, and every part must be {@link Part#flush() flushed} before {@link #finish()}.
     * The default writes each row under this writer's lock; engines that can encode in the calling thread override it.
     */
    default Part part() {
        return new Part() {
            @Override
            public void write(Object[] row) throws SQLException, ValueRejectedException {
                synchronized (BulkWriter.this) {
                    BulkWriter.this.write(row);
                }
            }

            @Override
            public void flush() {
            }
        };
    }

    /** One thread's feed of a {@link BulkWriter}. */
    interface Part {
        /** Adds one row; the array may be reused after the call. */
        void write(Object[] row) throws SQLException, ValueRejectedException;

        /** Hands over what this part still buffers. */
        void flush() throws SQLException;
    }

    /** Flushes everything and returns the number of rows written. */
    long finish() throws SQLException;

    /** Abandons the load; the caller rolls the transaction back. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}

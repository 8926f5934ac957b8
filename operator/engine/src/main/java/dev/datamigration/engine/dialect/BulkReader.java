package dev.datamigration.engine.dialect;

import java.sql.SQLException;

/**
 * Streams the rows of one source table (or key range) as normalised values ({@link ValueKind}), in the column order
 * it was opened with. It holds at most one fetch (or COPY chunk) of rows, never the table. Closing it before the end
 * abandons the read.
 */
public interface BulkReader extends AutoCloseable {

    /** Reads the next row into {@code values} (one slot per column); false when there are no more rows. */
    boolean next(Object[] values) throws SQLException;

    /**
     * Reads the next row, decoding only the fields flagged in {@code decode}; the other slots are left as they were
     * (their bytes may still go to a writer that takes them as they are, see {@link BulkWriter#passThrough}). Readers
     * that cannot skip a field decode them all.
     */
    default boolean next(Object[] values, boolean[] decode) throws SQLException {
        return next(values);
    }

    /**
     * Reads every remaining row and hands its verification hash to {@code sink} (the hash over PostgreSQL's binary
     * encoding of the values that {@link BulkWriter#hashRowsTo} computes on the writing side); returns the number of
     * rows, or -1 when this reader cannot (then the rows are read but not hashed, or not read at all).
     */
    default long hashRows(RowHashSink sink) throws SQLException {
        return -1;
    }

    @Override
    void close() throws SQLException;
}

package dev.datamigration.engine.dialect;

import java.sql.SQLException;

/**
 * Streams the rows of one source table (or key range) as normalised values ({@link ValueKind}), in the column order
 * it was opened with. It holds at most one fetch (or COPY chunk) of rows, never the table. Closing it before the end
 * abandons the read. Decoding only some fields, and hashing rows as they are read, are abilities of a
 * {@link FastPath}, not of every reader.
 */
public interface BulkReader extends AutoCloseable {

    /** Reads the next row into {@code values} (one slot per column); false when there are no more rows. */
    boolean next(Object[] values) throws SQLException;

    @Override
    void close() throws SQLException;
}

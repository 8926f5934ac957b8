package dev.datamigration.engine.dialect;

import java.sql.SQLException;

/**
 * One source read feeding one target load (or one {@link BulkWriter.Part part} of it), row by row: what the copy loop
 * drives. A plain feed ({@link #of(BulkReader, BulkWriter)}) reads whole decoded rows and writes whole rows; a feed
 * from a {@link FastPath.Load} may take some fields from the source read as they are ({@link #passThrough()}), so
 * that only the fields a value is computed from need decoding.
 */
public interface RowFeed extends AutoCloseable {

    /**
     * For each target column, the source field whose bytes it takes from the row just read, or -1 when the column is
     * written from the values given to {@link #write}. Null when no column passes (always for a plain feed). Fixed
     * for the feed's life.
     */
    int[] passThrough();

    /**
     * Reads the next source row into {@code values} (one slot per source column); false when there are no more rows.
     * With {@code decode} (only when {@link #passThrough()} is not null), only the flagged fields are decoded and the
     * other slots are left as they were.
     */
    boolean next(Object[] values, boolean[] decode) throws SQLException;

    /**
     * Writes one target row: the columns that {@link #passThrough()} maps come from the row just read, the others
     * from {@code row}. The array may be reused after the call.
     */
    void write(Object[] row) throws SQLException, ValueRejectedException;

    /** Hands over what the write side still buffers (a part's rows); called once after the last row. */
    void flush() throws SQLException;

    /** Ends the read; closing before the end abandons it. */
    @Override
    void close() throws SQLException;

    /** Every row of {@code reader}, decoded, into {@code writer} itself. */
    static RowFeed of(BulkReader reader, BulkWriter writer) {
        return new PlainFeed(reader, new BulkWriter.Part() {
            @Override
            public void write(Object[] row) throws SQLException, ValueRejectedException {
                writer.write(row);
            }

            @Override
            public void flush() {
            }
        });
    }

    /** Every row of {@code reader}, decoded, into one part of a writer; {@link #flush()} flushes the part. */
    static RowFeed of(BulkReader reader, BulkWriter.Part part) {
        return new PlainFeed(reader, part);
    }
}

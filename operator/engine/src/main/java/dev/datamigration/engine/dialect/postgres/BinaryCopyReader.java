package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.RowHashSink;
import java.sql.SQLException;
import org.postgresql.copy.CopyOut;

/**
 * Reads one binary {@code COPY TO STDOUT}; cancels it when closed before the end. Beyond {@link BulkReader}, for the
 * {@link PgFastPath}: decoding only some fields, the current row's wire bytes, and hashing rows as they are read.
 */
final class BinaryCopyReader implements BulkReader {

    private final CopyOut copy;
    private final PgBinaryType[] types;
    private final PgBinaryDecoder decoder;

    BinaryCopyReader(CopyOut copy, PgBinaryType[] types) {
        this.copy = copy;
        this.types = types;
        this.decoder = new PgBinaryDecoder(copy::readFromCopy, types);
    }

    /** The binary type of each field. */
    PgBinaryType[] types() {
        return types;
    }

    /** The decoder holding the current row's fields as they are on the wire. */
    PgBinaryDecoder decoder() {
        return decoder;
    }

    @Override
    public boolean next(Object[] values) throws SQLException {
        return decoder.next(values);
    }

    /** Reads the next row, decoding only the fields flagged in {@code decode}; the other slots keep their values. */
    boolean next(Object[] values, boolean[] decode) throws SQLException {
        return decoder.next(values, decode);
    }

    /** Reads every remaining row and hands its verification hash ({@link PgRowHasher}) to {@code sink}; the rows. */
    long hashRows(RowHashSink sink) throws SQLException {
        PgRowHasher hasher = new PgRowHasher(types);
        long rows = 0;
        while (decoder.next()) {
            decoder.hashRow(hasher, sink);
            rows++;
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}

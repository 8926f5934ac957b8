package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.IOException;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one binary COPY; at most about {@link PostgresDialect#COPY_BUFFER} bytes (or one larger row) wait
 * in memory per encoder. Beyond {@link dev.datamigration.engine.dialect.BulkWriter}, for the {@link PgFastPath}:
 * hashing rows as written and taking fields of a {@link BinaryCopyReader}'s rows as they are.
 */
final class BinaryCopyWriter extends CopyInWriter {

    private final PgBinaryType[] types;
    private final boolean hashable;
    private final PgBinaryEncoder encoder;
    private RowHashSink hashSink;

    BinaryCopyWriter(CopyIn copy, PgBinaryType[] types, boolean hashable) throws SQLException {
        super(copy);
        this.types = types;
        this.hashable = hashable;
        this.encoder = newEncoder();
        encoder.writeHeader();
        try {
            // The header goes out first: parts send their own chunks straight to the COPY.
            encoder.flush();
        } catch (IOException e) {
            throw asSql(e);
        }
    }

    /** The encoder of the rows written to this writer itself. */
    PgBinaryEncoder encoder() {
        return encoder;
    }

    /** An encoder of its own for one thread, handing whole chunks to the COPY under this writer's lock. */
    PgBinaryEncoder newEncoder() {
        PgBinaryEncoder created = new PgBinaryEncoder((bytes, length) -> {
            try {
                synchronized (this) {
                    copy.writeToCopy(bytes, 0, length);
                }
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }, types, PostgresDialect.COPY_BUFFER);
        if (hashSink != null) {
            created.hashRowsTo(hashSink);
        }
        return created;
    }

    /**
     * Hands the hash of every row written from now on (by this writer and the encoders made after) to {@code sink};
     * false, and nothing hashed, when a column's stored value may differ from the one written (see
     * {@link PostgresDialect#hashable}).
     */
    boolean hashRowsTo(RowHashSink sink) {
        if (!hashable) {
            return false;
        }
        hashSink = sink;
        encoder.hashRowsTo(sink);
        return true;
    }

    /**
     * For each column, the field of {@code reader}'s rows it takes as it is, or -1; null when none does. A field passes
     * when it is the column's plain source ({@code plainSource[i]}) and has the column's binary type: its wire bytes
     * are then exactly what encoding its decoded value would produce. time is the exception: 24:00:00 decodes as
     * 23:59:59.999999 (LocalTime has no 24:00), and passing it would change that behaviour.
     */
    int[] passThrough(BinaryCopyReader reader, int[] plainSource) {
        return passThrough(types, reader, plainSource);
    }

    /** {@link #passThrough(BinaryCopyReader, int[])} into columns of {@code types}. */
    static int[] passThrough(PgBinaryType[] types, BinaryCopyReader reader, int[] plainSource) {
        PgBinaryType[] read = reader.types();
        int[] fields = new int[types.length];
        boolean any = false;
        for (int i = 0; i < types.length; i++) {
            int field = plainSource[i];
            boolean passes = field >= 0 && read[field] == types[i] && types[i] != PgBinaryType.TIME;
            fields[i] = passes ? field : -1;
            any |= passes;
        }
        return any ? fields : null;
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        try {
            encoder.writeRow(row);
        } catch (IOException e) {
            throw asSql(e);
        }
    }

    /** Each part encodes in its own thread into its own buffer and hands whole chunks to the COPY under a lock. */
    @Override
    public Part part() {
        PgBinaryEncoder own = newEncoder();
        return new Part() {
            @Override
            public void write(Object[] row) throws SQLException, ValueRejectedException {
                try {
                    own.writeRow(row);
                } catch (IOException e) {
                    throw asSql(e);
                }
            }

            @Override
            public void flush() throws SQLException {
                try {
                    own.flush();
                } catch (IOException e) {
                    throw asSql(e);
                }
            }
        };
    }

    @Override
    void flushRows() throws IOException {
        encoder.writeTrailer();
        encoder.flush();
    }
}

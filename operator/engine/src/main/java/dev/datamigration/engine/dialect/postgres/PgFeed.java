package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.RowFeed;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.IOException;
import java.sql.SQLException;

/**
 * A binary COPY read feeding one binary COPY encoder, the load's own or a part's ({@code ownEncoder}: then
 * {@link #flush()} hands its rows to the COPY). Passed fields go from the decoder's current row to the encoder as
 * they are on the wire.
 */
final class PgFeed implements RowFeed {

    private final BinaryCopyReader reader;
    private final PgBinaryEncoder encoder;
    private final int[] passThrough;
    private final boolean ownEncoder;

    PgFeed(BinaryCopyReader reader, PgBinaryEncoder encoder, int[] passThrough, boolean ownEncoder) {
        this.reader = reader;
        this.encoder = encoder;
        this.passThrough = passThrough;
        this.ownEncoder = ownEncoder;
    }

    @Override
    public int[] passThrough() {
        return passThrough;
    }

    @Override
    public boolean next(Object[] values, boolean[] decode) throws SQLException {
        return decode == null ? reader.next(values) : reader.next(values, decode);
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        try {
            if (passThrough == null) {
                encoder.writeRow(row);
            } else {
                encoder.writeRow(row, reader.decoder(), passThrough);
            }
        } catch (IOException e) {
            throw CopyInWriter.asSql(e);
        }
    }

    @Override
    public void flush() throws SQLException {
        if (!ownEncoder) {
            return;
        }
        try {
            encoder.flush();
        } catch (IOException e) {
            throw CopyInWriter.asSql(e);
        }
    }

    @Override
    public void close() throws SQLException {
        reader.close();
    }
}

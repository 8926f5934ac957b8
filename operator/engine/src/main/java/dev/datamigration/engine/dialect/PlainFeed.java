package dev.datamigration.engine.dialect;

import java.sql.SQLException;

/** {@link RowFeed#of}: decoded rows from a reader into a writer's part; nothing passes as it is. */
final class PlainFeed implements RowFeed {

    private final BulkReader reader;
    private final BulkWriter.Part sink;

    PlainFeed(BulkReader reader, BulkWriter.Part sink) {
        this.reader = reader;
        this.sink = sink;
    }

    @Override
    public int[] passThrough() {
        return null;
    }

    @Override
    public boolean next(Object[] values, boolean[] decode) throws SQLException {
        return reader.next(values);
    }

    @Override
    public void write(Object[] row) throws SQLException, ValueRejectedException {
        sink.write(row);
    }

    @Override
    public void flush() throws SQLException {
        sink.flush();
    }

    @Override
    public void close() throws SQLException {
        reader.close();
    }
}

package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.RowFeed;
import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL to PostgreSQL: binary COPY on both sides. Fields pass from the source's {@code COPY TO} rows into the
 * target's {@code COPY FROM} as they are; rows are hashed over their binary encodings ({@link PgRowHasher}) as they
 * are encoded and again when the target's rows are read back with a binary COPY. Tables with a column that has no
 * binary encoding here take the plain path.
 */
final class PgFastPath implements FastPath {

    private final PostgresDialect source;
    private final PostgresDialect target;

    PgFastPath(PostgresDialect source, PostgresDialect target) {
        this.source = source;
        this.target = target;
    }

    @Override
    public Optional<Load> openLoad(Connection connection, String table, List<PhysicalColumn> columns)
            throws SQLException {
        BinaryCopyWriter writer = target.openBinaryWriter(connection, table, columns);
        return writer == null ? Optional.empty() : Optional.of(new PgLoad(writer));
    }

    @Override
    public long hashStored(Connection connection, TableRead read, RowHashSink sink) throws SQLException {
        if (!PostgresDialect.hashable(read.columns())) {
            return -1;
        }
        BinaryCopyReader reader = target.openBinaryReader(connection, read);
        if (reader == null) {
            return -1;
        }
        try (reader) {
            return reader.hashRows(sink);
        }
    }

    @Override
    public Optional<RowFeed> hashAsWritten(Connection connection, TableRead read, List<PhysicalColumn> columns,
                                           int[] plainSources, RowHashSink sink) throws SQLException {
        PgBinaryType[] types = PostgresDialect.binaryTypes(columns);
        if (types == null || !PostgresDialect.hashable(columns)) {
            return Optional.empty();
        }
        BinaryCopyReader reader = source.openBinaryReader(connection, read);
        if (reader == null) {
            return Optional.empty();
        }
        // The load's encoder, hashing each row, with its output dropped: the rows are hashed, not sent.
        PgBinaryEncoder encoder = new PgBinaryEncoder((bytes, length) -> { }, types, PostgresDialect.COPY_BUFFER);
        encoder.hashRowsTo(sink);
        return Optional.of(new PgFeed(reader, encoder, BinaryCopyWriter.passThrough(types, reader, plainSources),
                false));
    }

    /** A binary COPY load whose feeds read the source with binary COPY too, when its columns allow it. */
    private final class PgLoad implements Load {

        private final BinaryCopyWriter writer;

        PgLoad(BinaryCopyWriter writer) {
            this.writer = writer;
        }

        @Override
        public boolean hashRowsTo(RowHashSink sink) {
            return writer.hashRowsTo(sink);
        }

        @Override
        public RowFeed feed(Connection connection, TableRead read, int[] plainSources) throws SQLException {
            BinaryCopyReader reader = source.openBinaryReader(connection, read);
            if (reader == null) {
                return RowFeed.of(read.open(source, connection), writer);
            }
            return new PgFeed(reader, writer.encoder(), writer.passThrough(reader, plainSources), false);
        }

        @Override
        public RowFeed feedPart(Connection connection, TableRead read, int[] plainSources) throws SQLException {
            BinaryCopyReader reader = source.openBinaryReader(connection, read);
            if (reader == null) {
                return RowFeed.of(read.open(source, connection), writer.part());
            }
            return new PgFeed(reader, writer.newEncoder(), writer.passThrough(reader, plainSources), true);
        }

        @Override
        public void write(Object[] row) throws SQLException, ValueRejectedException {
            writer.write(row);
        }

        @Override
        public Part part() {
            return writer.part();
        }

        @Override
        public long finish() throws SQLException {
            return writer.finish();
        }

        @Override
        public void abort() {
            writer.abort();
        }
    }
}

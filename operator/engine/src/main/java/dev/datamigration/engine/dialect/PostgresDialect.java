package dev.datamigration.engine.dialect;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** PostgreSQL: COPY FROM STDIN (text format) for loads, cursor-based streaming reads, setval for identities. */
public final class PostgresDialect implements Dialect {

    /** Bytes buffered before a chunk goes to the server. */
    static final int COPY_BUFFER = 1 << 16;

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public ValueKind kindOf(int jdbcType, String typeName) {
        // pgjdbc reports boolean as BIT; bytea as BINARY; both are covered by the JDBC mapping.
        return ValueKind.ofJdbcType(jdbcType);
    }

    /** pgjdbc buffers the whole result unless autocommit is off and a fetch size is set (pgjdbc query.md). */
    @Override
    public PreparedStatement prepareStreamingQuery(Connection connection, String sql, int fetchSize)
            throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        return Dialect.super.prepareStreamingQuery(connection, sql, fetchSize);
    }

    @Override
    public BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns)
            throws SQLException {
        String sql = "COPY " + quote(table) + " ("
                + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT text)";
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, COPY_BUFFER);
        ValueKind[] kinds = columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new);
        return new CopyWriter(copy, kinds);
    }

    @Override
    public void reseedIdentity(Connection connection, String table, String column) throws SQLException {
        String sequence;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            // The table argument is parsed as a (possibly qualified) name, so it is quoted; the column is taken as is.
            ps.setString(1, quote(connection.getSchema()) + "." + quote(table));
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
            }
        }
        if (sequence == null) {
            return;
        }
        String q = quote(column);
        try (PreparedStatement ps = connection.prepareStatement("SELECT setval(CAST(? AS regclass), COALESCE(MAX(" + q
                + "), 1), MAX(" + q + ") IS NOT NULL) FROM " + quote(table))) {
            ps.setString(1, sequence);
            ps.executeQuery().close();
        }
    }

    /** Streams rows into one COPY; at most {@link #COPY_BUFFER} bytes wait in memory. */
    private static final class CopyWriter implements BulkWriter {

        private final PGCopyOutputStream copy;
        private final CopyTextEncoder encoder;
        private final ValueKind[] kinds;
        private final OutputStream buffer;
        private boolean done;

        CopyWriter(PGCopyOutputStream copy, ValueKind[] kinds) {
            this.copy = copy;
            this.kinds = kinds;
            OutputStream buffered = new BufferedOutputStream(copy, COPY_BUFFER);
            this.encoder = new CopyTextEncoder(new NonClosingBuffer(buffered));
            this.buffer = buffered;
        }

        @Override
        public void write(Object[] row) throws SQLException, ValueRejectedException {
            try {
                encoder.writeRow(row, kinds);
            } catch (IOException e) {
                throw asSql(e);
            }
        }

        @Override
        public long finish() throws SQLException {
            try {
                buffer.flush();
                done = true;
                return copy.endCopy();
            } catch (IOException e) {
                throw asSql(e);
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // The transaction is rolled back by the caller; a failed cancel leaves nothing behind.
            }
        }

        private static SQLException asSql(IOException e) {
            if (e.getCause() instanceof SQLException sql) {
                return sql;
            }
            return new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
        }
    }

    /** Lets the encoder write without ever closing the COPY stream (closing would end the COPY). */
    private static final class NonClosingBuffer extends java.io.FilterOutputStream {
        NonClosingBuffer(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}

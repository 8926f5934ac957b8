package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL: loads through {@code COPY ... FROM STDIN} in the binary format ({@link PgBinaryEncoder}) when every column
 * type has a binary encoding here, else in the text format ({@link CopyTextEncoder}); bulk reads through
 * {@code COPY (SELECT ...) TO STDOUT} in the binary format ({@link PgBinaryDecoder}) under the same condition, else a
 * cursor-based streaming query; setval for identities.
 */
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
        PgBinaryType[] binary = binaryTypes(columns);
        String format = binary == null ? "text" : "binary";
        String sql = "COPY " + quote(table) + " ("
                + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT " + format + ")";
        if (binary != null) {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new BinaryCopyWriter(in, binary, hashable(columns));
        }
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, COPY_BUFFER);
        ValueKind[] kinds = columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new);
        return new CopyWriter(copy, kinds);
    }

    @Override
    public BulkReader openBulkReader(Connection connection, String table, List<PhysicalColumn> columns, String key,
                                     long from, long to, int fetchSize) throws SQLException {
        PgBinaryType[] binary = binaryTypes(columns);
        if (binary == null) {
            return Dialect.super.openBulkReader(connection, table, columns, key, from, to, fetchSize);
        }
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        String select = "SELECT " + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + " FROM " + quote(table)
                + (key == null ? "" : " WHERE " + quote(key) + " >= " + from + " AND " + quote(key) + " < " + to);
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
        return new BinaryCopyReader(out, binary, hashable(columns));
    }

    /** Row locks only, never escalated; disjoint key ranges do not wait for each other. */
    @Override
    public boolean loadsOneTableConcurrently() {
        return true;
    }

    /**
     * The planner's own estimate: rows per page from the last ANALYZE or VACUUM times the table's pages now (so a
     * table that grew since is scaled up). A table never analyzed is counted.
     */
    @Override
    public long estimateRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN c.reltuples < 0 OR c.relpages = 0"
                + " THEN -1 ELSE round(c.reltuples / c.relpages * (pg_relation_size(c.oid)"
                + " / current_setting('block_size')::int)) END FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) >= 0) {
                    return rs.getLong(1);
                }
            }
        }
        return countRows(connection, table);
    }

    /**
     * A REPEATABLE READ transaction (its snapshot is taken by its first statement, the export), held until
     * {@link #endReadSnapshot}. Like pg_dump's, it holds back the removal of rows deleted after it began.
     */
    @Override
    public String beginReadSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.rollback();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return exportSnapshot(connection);
    }

    @Override
    public void endReadSnapshot(Connection connection) throws SQLException {
        connection.rollback();
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    /** pg_export_snapshot of the connection's transaction (opened here when autocommit was on). */
    @Override
    public String exportSnapshot(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void importSnapshot(Connection connection, String snapshot) throws SQLException {
        connection.setAutoCommit(false);
        if (snapshot == null) {
            return;
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (PreparedStatement ps = connection.prepareStatement("SET TRANSACTION SNAPSHOT '"
                + snapshot.replace("'", "''") + "'")) {
            ps.execute();
        }
    }

    /** The binary types of the columns when each has a binary encoding matching its value kind, else null. */
    static PgBinaryType[] binaryTypes(List<PhysicalColumn> columns) {
        PgBinaryType[] types = PgBinaryType.ofAll(columns);
        if (types == null) {
            return null;
        }
        for (int i = 0; i < types.length; i++) {
            ValueKind expected = switch (types[i]) {
                case BOOL -> ValueKind.BOOLEAN;
                case INT2, INT4, INT8 -> ValueKind.INTEGER;
                case NUMERIC -> ValueKind.DECIMAL;
                case TEXT -> ValueKind.TEXT;
                case BYTEA -> ValueKind.BINARY;
                case TIMESTAMP -> ValueKind.TIMESTAMP;
                case DATE -> ValueKind.DATE;
                case TIME -> ValueKind.TIME;
            };
            if (columns.get(i).kind() != expected) {
                return null;
            }
        }
        return types;
    }

    /**
     * Whether the verification hash over binary encodings ({@link PgRowHasher}) can compare what is written with what
     * is stored: not with a char(n) column, which stores a shorter value blank-padded to n.
     */
    private static boolean hashable(List<PhysicalColumn> columns) {
        return columns.stream().noneMatch(c -> "bpchar".equalsIgnoreCase(c.typeName()));
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

    /**
     * PostgreSQL's privilege functions in one query. has_table_privilege answers for the four table rights (it counts
     * ownership, role membership and PUBLIC). For IDENTITY it is UPDATE on the identifier's serial or identity
     * sequence, found with pg_get_serial_sequence as {@link #reseedIdentity} finds it: that is what its setval needs
     * (loading explicit ids needs only INSERT). Parameters: the quoted, schema-qualified table twice and the
     * identifier column as is (null: no sequence is looked up).
     */
    static final String RIGHTS_SQL = "SELECT has_table_privilege(t.oid, 'SELECT'),"
            + " has_table_privilege(t.oid, 'INSERT'), has_table_privilege(t.oid, 'UPDATE'),"
            + " has_table_privilege(t.oid, 'DELETE'), s.name, has_sequence_privilege(s.name, 'UPDATE')"
            + " FROM (SELECT to_regclass(?) AS oid) t CROSS JOIN (SELECT pg_get_serial_sequence(?, ?) AS name) s";

    private static final Right[] TABLE_RIGHTS = {Right.SELECT, Right.INSERT, Right.UPDATE, Right.DELETE};

    @Override
    public List<MissingRight> missingRights(Connection connection, String table, String identifier,
                                            Set<Right> rights) throws SQLException {
        String qualified = quote(connection.getSchema()) + "." + quote(table);
        List<MissingRight> missing = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(RIGHTS_SQL)) {
            ps.setString(1, qualified);
            ps.setString(2, qualified);
            ps.setString(3, rights.contains(Right.IDENTITY) ? identifier : null);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < TABLE_RIGHTS.length; i++) {
                    // NULL (a table the function cannot find) counts as not granted.
                    if (rights.contains(TABLE_RIGHTS[i]) && !rs.getBoolean(i + 1)) {
                        missing.add(MissingRight.onTable(TABLE_RIGHTS[i].name()));
                    }
                }
                String sequence = rs.getString(5);
                if (sequence != null && !rs.getBoolean(6)) {
                    missing.add(new MissingRight("UPDATE", "sequence " + sequence));
                }
            }
        }
        return missing;
    }

    /** Streams rows into one binary COPY; at most about {@link #COPY_BUFFER} bytes (or one larger row) wait in memory. */
    private static final class BinaryCopyWriter extends CopyInWriter {

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

        private PgBinaryEncoder newEncoder() {
            PgBinaryEncoder created = new PgBinaryEncoder((bytes, length) -> {
                try {
                    synchronized (this) {
                        copy.writeToCopy(bytes, 0, length);
                    }
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, types, COPY_BUFFER);
            if (hashSink != null) {
                created.hashRowsTo(hashSink);
            }
            return created;
        }

        @Override
        public boolean hashRowsTo(RowHashSink sink) {
            if (!hashable) {
                return false;
            }
            hashSink = sink;
            encoder.hashRowsTo(sink);
            return true;
        }

        /**
         * A field passes when the reader is a binary COPY of PostgreSQL and the field has the column's binary type:
         * its wire bytes are then exactly what encoding its decoded value would produce. time is the exception:
         * 24:00:00 decodes as 23:59:59.999999 (LocalTime has no 24:00), and passing it would change that behaviour.
         */
        @Override
        public int[] passThrough(BulkReader reader, int[] plainSource) {
            if (!(reader instanceof BinaryCopyReader binary)) {
                return null;
            }
            int[] fields = new int[types.length];
            boolean any = false;
            for (int i = 0; i < types.length; i++) {
                int field = plainSource[i];
                boolean passes = field >= 0 && binary.types[field] == types[i] && types[i] != PgBinaryType.TIME;
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

        @Override
        public void write(Object[] row, BulkReader reader, int[] passThrough)
                throws SQLException, ValueRejectedException {
            write(encoder, row, reader, passThrough);
        }

        private static void write(PgBinaryEncoder encoder, Object[] row, BulkReader reader, int[] passThrough)
                throws SQLException, ValueRejectedException {
            try {
                encoder.writeRow(row, ((BinaryCopyReader) reader).decoder, passThrough);
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
                public void write(Object[] row, BulkReader reader, int[] passThrough)
                        throws SQLException, ValueRejectedException {
                    BinaryCopyWriter.write(own, row, reader, passThrough);
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

    /** Reads one binary {@code COPY TO STDOUT}; cancels it when closed before the end. */
    private static final class BinaryCopyReader implements BulkReader {

        private final CopyOut copy;
        private final PgBinaryType[] types;
        private final boolean hashable;
        private final PgBinaryDecoder decoder;

        BinaryCopyReader(CopyOut copy, PgBinaryType[] types, boolean hashable) {
            this.copy = copy;
            this.types = types;
            this.hashable = hashable;
            this.decoder = new PgBinaryDecoder(copy::readFromCopy, types);
        }

        @Override
        public boolean next(Object[] values) throws SQLException {
            return decoder.next(values);
        }

        @Override
        public boolean next(Object[] values, boolean[] decode) throws SQLException {
            return decoder.next(values, decode);
        }

        @Override
        public long hashRows(RowHashSink sink) throws SQLException {
            if (!hashable) {
                // Read to the end all the same: the connection is then ready for the next statement at once.
                while (decoder.next()) {
                    continue;
                }
                return -1;
            }
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

    /** Streams rows into one COPY; at most {@link #COPY_BUFFER} bytes wait in memory. */
    private static final class CopyWriter extends CopyInWriter {

        private final CopyTextEncoder encoder;
        private final ValueKind[] kinds;
        private final OutputStream buffer;

        CopyWriter(PGCopyOutputStream copy, ValueKind[] kinds) {
            super(copy);
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
        void flushRows() throws IOException {
            buffer.flush();
        }
    }

    /**
     * What the text and binary COPY writers share: the end of the COPY (flush what the format still holds, then
     * {@code endCopy}) and its cancellation, at most once.
     */
    private abstract static class CopyInWriter implements BulkWriter {

        final CopyIn copy;
        private boolean done;

        CopyInWriter(CopyIn copy) {
            this.copy = copy;
        }

        /** Writes out whatever the format still buffers (and its trailer, if it has one). */
        abstract void flushRows() throws IOException;

        @Override
        public final long finish() throws SQLException {
            try {
                flushRows();
                done = true;
                return copy.endCopy();
            } catch (IOException e) {
                throw asSql(e);
            }
        }

        @Override
        public final void abort() {
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
    }

    private static SQLException asSql(IOException e) {
        if (e.getCause() instanceof SQLException sql) {
            return sql;
        }
        return new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
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

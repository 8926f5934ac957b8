package dev.datamigration.engine.dialect.postgres;

import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.dialect.ValueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * cursor-based streaming query; setval for identities. To another PostgreSQL it offers the {@link PgFastPath}.
 */
public final class PostgresDialect implements Dialect {

    /** Bytes buffered before a chunk goes to the server. */
    static final int COPY_BUFFER = 1 << 16;

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String urlScheme() {
        return "jdbc:postgresql";
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
        BulkWriter binary = openBinaryWriter(connection, table, columns);
        if (binary != null) {
            return binary;
        }
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                copyInSql(table, columns, "text"), COPY_BUFFER);
        ValueKind[] kinds = columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new);
        return new TextCopyWriter(copy, kinds);
    }

    /** A binary COPY load of the columns, or null when one of them has no binary encoding here. */
    BinaryCopyWriter openBinaryWriter(Connection connection, String table, List<PhysicalColumn> columns)
            throws SQLException {
        PgBinaryType[] binary = binaryTypes(columns);
        if (binary == null) {
            return null;
        }
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyInSql(table, columns, "binary"));
        return new BinaryCopyWriter(in, binary, hashable(columns));
    }

    private String copyInSql(String table, List<PhysicalColumn> columns, String format) {
        return "COPY " + quote(table) + " ("
                + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT " + format + ")";
    }

    @Override
    public BulkReader openBulkReader(Connection connection, String table, List<PhysicalColumn> columns, String key,
                                     long from, long to, int fetchSize) throws SQLException {
        BulkReader binary = openBinaryReader(connection, new TableRead(table, columns, key, from, to, fetchSize));
        return binary != null ? binary
                : Dialect.super.openBulkReader(connection, table, columns, key, from, to, fetchSize);
    }

    /** A binary {@code COPY (SELECT ...) TO STDOUT} of the read, or null when a column has no binary encoding here. */
    BinaryCopyReader openBinaryReader(Connection connection, TableRead read) throws SQLException {
        List<PhysicalColumn> columns = read.columns();
        PgBinaryType[] binary = binaryTypes(columns);
        if (binary == null) {
            return null;
        }
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        String key = read.key();
        String select = "SELECT " + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + " FROM " + quote(read.table()) + (key == null ? ""
                : " WHERE " + quote(key) + " >= " + read.from() + " AND " + quote(key) + " < " + read.to());
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
        return new BinaryCopyReader(out, binary);
    }

    /** To PostgreSQL: binary COPY both ways ({@link PgFastPath}). */
    @Override
    public Optional<FastPath> fastPathTo(Dialect target) {
        return target instanceof PostgresDialect postgres ? Optional.of(new PgFastPath(this, postgres))
                : Optional.empty();
    }

    /** Row locks only, never escalated; disjoint key ranges do not wait for each other. */
    @Override
    public boolean loadsOneTableConcurrently() {
        return true;
    }

    @Override
    public boolean speaksPostgresSql() {
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
    static boolean hashable(List<PhysicalColumn> columns) {
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
}

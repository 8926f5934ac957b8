package dev.datamigration.engine.dialect.sqlserver;

import com.microsoft.sqlserver.jdbc.SQLServerConnection;
import com.microsoft.sqlserver.jdbc.SQLServerStatement;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.Dialect;
import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.ValueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SQL Server (mssql-jdbc 13.2). Identifiers are quoted {@code [..]}; the catalog comes from
 * {@code INFORMATION_SCHEMA.TABLES} and {@code sys.columns} (identity, DEFAULT constraints, base types, precision);
 * reads stream with {@code responseBuffering=adaptive} on a forward-only read-only statement (never use
 * {@code selectMethod=cursor}: it turns every fetch into a server-cursor round trip); loads go through
 * {@link SqlServerBulkWriter} ({@code SQLServerBulkCopy}, keep-identity, keep-nulls) on the caller's transaction, or
 * batched INSERTs with {@code IDENTITY_INSERT} on a connection that is not mssql-jdbc's; identities are reseeded with
 * {@code DBCC CHECKIDENT(..., RESEED)}.
 *
 * <p>Values: {@code decimal(p,s)} reads and writes as exact {@link java.math.BigDecimal}; {@code ''} and NULL stay
 * distinct (keep-nulls); {@code uniqueidentifier} reads as its canonical lower-case text; {@code datetime} holds 1/300 s
 * ticks, so a value with finer precision from another engine is rounded by SQL Server to .000/.003/.007 (an O11 source
 * on SQL Server already holds tick values).
 */
public final class SqlServerDialect implements Dialect {

    /** Base tables of one schema. Works on every SQL Server version (and Azure SQL). */
    static final String TABLES_SQL = "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

    /**
     * Columns of one table in ordinal order. The type is the base system type ({@code ty.user_type_id =
     * c.system_type_id}), so an alias type reports what it is built on; {@code max_length} is in bytes (-1 for max).
     */
    static final String COLUMNS_SQL = "SELECT c.name, ty.name, c.max_length, c.precision, c.scale,"
            + " c.is_nullable, c.is_identity, c.default_object_id"
            + " FROM sys.columns c"
            + " JOIN sys.tables t ON t.object_id = c.object_id"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id"
            + " JOIN sys.types ty ON ty.user_type_id = c.system_type_id"
            + " WHERE s.name = ? AND t.name = ?"
            + " ORDER BY c.column_id";

    /** The schema assumed when the driver reports none (mssql-jdbc asks the server with SCHEMA_NAME()). */
    static final String DEFAULT_SCHEMA = "dbo";

    @Override
    public String name() {
        return "SQL Server";
    }

    @Override
    public String urlScheme() {
        return "jdbc:sqlserver";
    }

    @Override
    public String quote(String identifier) {
        return '[' + identifier.replace("]", "]]") + ']';
    }

    /** {@code [schema].[table]} of the connection's default schema. */
    String qualified(Connection connection, String table) throws SQLException {
        return quote(schemaOf(connection)) + "." + quote(table);
    }

    static String schemaOf(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        return schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
    }

    @Override
    public List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(TABLES_SQL)) {
            ps.setString(1, schemaOf(connection));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The SQL Server description of a table's columns (real name); empty when the table does not exist. */
    List<SqlServerColumn> describe(Connection connection, String table) throws SQLException {
        List<SqlServerColumn> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL)) {
            ps.setString(1, schemaOf(connection));
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new SqlServerColumn(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8) != 0));
                }
            }
        }
        return columns;
    }

    @Override
    public List<PhysicalColumn> columns(Connection connection, String realTableName) throws SQLException {
        return describe(connection, realTableName).stream().map(SqlServerColumn::toPhysical).toList();
    }

    /** DATALENGTH counts bytes (of a varbinary); LEN counts characters (without trailing blanks). */
    @Override
    public String lengthSql(String quotedColumn, ValueKind kind) {
        return (kind == ValueKind.BINARY ? "DATALENGTH(" : "LEN(") + quotedColumn + ")";
    }

    @Override
    public ValueKind kindOf(int jdbcType, String typeName) {
        String base = typeName.replaceFirst("\\(.*$", "").trim();
        return new SqlServerColumn("", base, 0, 0, 0, true, false, false).kind();
    }

    /**
     * Forward-only, read-only, and adaptive response buffering set on the statement itself, so the rows stream even
     * when the URL asked for {@code responseBuffering=full}. Columns must be read in order (the engine does).
     */
    @Override
    public PreparedStatement prepareStreamingQuery(Connection connection, String sql, int fetchSize)
            throws SQLException {
        PreparedStatement ps = Dialect.super.prepareStreamingQuery(connection, sql, fetchSize);
        if (ps.isWrapperFor(SQLServerStatement.class)) {
            ps.unwrap(SQLServerStatement.class).setResponseBuffering("adaptive");
        }
        return ps;
    }

    @Override
    public Object readValue(ResultSet rs, int index, ValueKind kind) throws SQLException {
        if (kind == ValueKind.TEXT && "uniqueidentifier".equalsIgnoreCase(rs.getMetaData().getColumnTypeName(index))) {
            return canonicalGuid(rs.getString(index));
        }
        return Dialect.super.readValue(rs, index, kind);
    }

    /**
     * SQL Server prints a uniqueidentifier in upper case; O11 on other engines stores GUID text in lower case. The
     * canonical form compared and written everywhere is lower case (the bytes are never reinterpreted).
     */
    static String canonicalGuid(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** The source database's SNAPSHOT isolation state: 1 is ON (0 OFF, 2 and 3 switching). */
    static final String SNAPSHOT_STATE_SQL = "SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME()";

    /**
     * A SNAPSHOT transaction on the source connection when the database allows it ({@code ALLOW_SNAPSHOT_ISOLATION
     * ON}): every read of the app's copy on this connection sees the database as of its first read, without taking
     * shared locks on Production rows (REPEATABLE READ would hold them for the whole copy). Returns null: a SQL Server
     * snapshot cannot be joined by other connections, so concurrent entities and parallel streams read their own.
     * Without the database option the reads stay READ COMMITTED ({@link #readSnapshotUnavailable} says so); asking for
     * SNAPSHOT there would fail the first read (error 3952).
     */
    @Override
    public String beginReadSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        boolean allowed = snapshotAllowed(connection);
        // The level must be set outside a transaction: SQL Server refuses to switch a running transaction to SNAPSHOT
        // (error 3951), and the check above opened one. SET itself opens none; the next read starts the snapshot.
        connection.rollback();
        if (allowed) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
        }
        return null;
    }

    @Override
    public String readSnapshotUnavailable(Connection connection) throws SQLException {
        return snapshotAllowed(connection) ? null : "the source database does not allow SNAPSHOT isolation"
                + " (ALLOW_SNAPSHOT_ISOLATION is OFF), so each entity is read in its own READ COMMITTED statement;"
                + " only a stopped source (StopEnvironment) gives one consistent state";
    }

    @Override
    public void endReadSnapshot(Connection connection) throws SQLException {
        connection.rollback();
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
    }

    static boolean snapshotAllowed(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(SNAPSHOT_STATE_SQL)) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** COUNT(*) is an int in SQL Server and overflows past 2^31-1 rows; COUNT_BIG is a bigint. */
    String countSql(String table) {
        return "SELECT COUNT_BIG(*) FROM " + quote(table);
    }

    @Override
    public long countRows(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(countSql(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns)
            throws SQLException {
        return openBulkWriter(connection, table, columns, LoadPath.BULK_COPY);
    }

    /**
     * {@code SQLServerBulkCopy} for {@link LoadPath#BULK_COPY} on an mssql-jdbc connection; batched INSERTs with
     * {@code IDENTITY_INSERT} for {@link LoadPath#BATCH_INSERT} or on any other connection.
     */
    @Override
    public BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns, LoadPath path)
            throws SQLException {
        List<SqlServerColumn> described = describe(connection, table);
        List<SqlServerColumn> target = new ArrayList<>();
        for (PhysicalColumn c : columns) {
            target.add(find(described, c.name()).orElseThrow(() -> new SQLException("SQL Server table " + table
                    + " has no column " + c.name(), "42S22")));
        }
        if (path == LoadPath.BULK_COPY && connection.isWrapperFor(SQLServerConnection.class)) {
            return SqlServerBulkWriter.open(connection, qualified(connection, table), target);
        }
        boolean writesIdentity = target.stream().anyMatch(SqlServerColumn::identity);
        return SqlServerBatchWriter.open(this, connection, table, columns, writesIdentity);
    }

    private static Optional<SqlServerColumn> find(List<SqlServerColumn> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst());
    }

    /**
     * {@code DBCC CHECKIDENT(table, RESEED)} without a value: when the current identity is below the highest id in the
     * table it is set to that id, otherwise it is left alone (never lowered, so ids deleted from the target are not
     * handed out again). Keep-identity loads normally advance the identity already; this makes it certain.
     */
    static String reseedSql(String qualifiedTable) {
        return "DBCC CHECKIDENT (" + literal(qualifiedTable) + ", RESEED) WITH NO_INFOMSGS";
    }

    /**
     * A T-SQL string literal: plain {@code '..'} when the text is ASCII, where it means exactly what {@code N'..'}
     * means on SQL Server, and {@code N'..'} otherwise (a name outside the database's code page). Babelfish misreads an
     * {@code N'..'} table name in {@code DBCC CHECKIDENT} (schema "db_'dbo" does not exist), so the ASCII names every
     * O11 table has run there too.
     */
    static String literal(String text) {
        String quoted = "'" + text.replace("'", "''") + "'";
        return text.chars().allMatch(ch -> ch < 128) ? quoted : "N" + quoted;
    }

    static String identityInsertSql(String qualifiedTable, boolean on) {
        return "SET IDENTITY_INSERT " + qualifiedTable + (on ? " ON" : " OFF");
    }

    /**
     * HAS_PERMS_BY_NAME of the table for SELECT, INSERT, UPDATE, DELETE and ALTER in one query: it answers with the
     * user's effective permissions (ownership, roles, schema and database grants, DENY). Parameter: the quoted,
     * schema-qualified table, five times. 1 is granted; 0, or NULL for a table the user cannot see, is not.
     */
    static final String RIGHTS_SQL = "SELECT HAS_PERMS_BY_NAME(?, 'OBJECT', 'SELECT'),"
            + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'INSERT'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'UPDATE'),"
            + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'DELETE'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'ALTER')";

    private static final String[] PERMISSIONS = {"SELECT", "INSERT", "UPDATE", "DELETE", "ALTER"};

    /**
     * IDENTITY is ALTER on the table, whether or not it has an identity column: the bulk load always keeps identity
     * and does not fire triggers, and both take ALTER (as do {@code SET IDENTITY_INSERT} and
     * {@code DBCC CHECKIDENT}).
     */
    @Override
    public List<MissingRight> missingRights(Connection connection, String table, String identifier,
                                            Set<Right> rights) throws SQLException {
        Set<String> needed = new LinkedHashSet<>();
        for (Right right : rights) {
            needed.add(right == Right.IDENTITY ? "ALTER" : right.name());
        }
        String qualified = qualified(connection, table);
        List<MissingRight> missing = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(RIGHTS_SQL)) {
            for (int i = 1; i <= PERMISSIONS.length; i++) {
                ps.setString(i, qualified);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < PERMISSIONS.length; i++) {
                    if (needed.contains(PERMISSIONS[i]) && rs.getInt(i + 1) != 1) {
                        missing.add(MissingRight.onTable(PERMISSIONS[i]));
                    }
                }
            }
        }
        return missing;
    }

    @Override
    public void reseedIdentity(Connection connection, String table, String column) throws SQLException {
        Optional<SqlServerColumn> described = find(describe(connection, table), column);
        if (described.isEmpty() || !described.get().identity()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(reseedSql(qualified(connection, table)));
        }
    }
}

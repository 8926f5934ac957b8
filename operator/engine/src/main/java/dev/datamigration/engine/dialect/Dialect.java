package dev.datamigration.engine.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the engine does differently per database engine. The engine writes no engine-specific SQL outside an
 * implementation of this interface. One instance serves any number of connections and threads (keep it stateless).
 *
 * <h2>Adding an engine</h2>
 * Put the implementation in a package of its own under {@code dialect} (as {@code dialect.postgres},
 * {@code dialect.sqlserver} and {@code dialect.oracle} are: the dialect class public, its readers, writers and column
 * types package-private), say which JDBC URLs it serves ({@link #urlScheme}, {@link #handles}) and register it in
 * {@link Dialects}, the only class outside its package that names it. What each engine needs:
 * <ul>
 *   <li><b>PostgreSQL</b>: double-quote identifiers; streaming reads need autocommit off and a fetch size; bulk load
 *       through {@code COPY ... FROM STDIN} (binary format, text where a column type has no binary encoding here);
 *       identity reseed with {@code setval(pg_get_serial_sequence(...))}; the only {@link FastPath} (to PostgreSQL).
 *       </li>
 *   <li><b>SQL Server</b>: quote with {@code [..]} (escape {@code ]} as {@code ]]}); streaming reads are adaptive
 *       buffering by default (forward-only, read-only, read columns in order); bulk load through
 *       {@code SQLServerBulkCopy} with {@code setKeepIdentity(true)}, {@code setKeepNulls(true)}, an explicit batch
 *       size and {@code setBulkCopyTimeout(0)}, in the caller's transaction (pass the connection, not a URL); identity
 *       reseed with {@code DBCC CHECKIDENT(table, RESEED)} after the load.</li>
 *   <li><b>Oracle</b>: quote with double quotes; fetch size 1000+ for reads; bulk load by batched
 *       {@code INSERT ... VALUES (?, ...)} ({@code addBatch}/{@code executeBatch}); reseed the identity/sequence after
 *       the load; override {@link #readValue} for NUMBER columns (BOOLEAN is NUMBER(1)) and map {@code ''}/NULL as
 *       documented.</li>
 * </ul>
 * Defaults below use only standard JDBC ({@link DatabaseMetaData}, ANSI SQL with {@link #quote}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Names passed in are <em>real</em> names as returned by {@link #tableNames} and {@link #columns}: the engine
 *       resolves metamodel names case-insensitively first, then always quotes.</li>
 *   <li>Every write method runs inside the caller's transaction (autocommit off) and never commits: the engine makes
 *       "delete + load + second pass + reseed" of one entity a single transaction.</li>
 *   <li>Values are the normalised values of {@link ValueKind}.</li>
 *   <li>What only a pair of engines can do together (PostgreSQL's byte pass-through, hashing rows as written,
 *       verification that reads only the target) is offered through {@link #fastPathTo}, never by the engine testing
 *       which dialect it holds.</li>
 * </ul>
 */
public interface Dialect {

    /** Engine name for messages, e.g. "PostgreSQL". */
    String name();

    /**
     * The scheme of the JDBC URLs this dialect serves, e.g. {@code jdbc:postgresql}: what {@link #handles} tests by
     * default and what the error for an unsupported URL lists.
     */
    String urlScheme();

    /** Whether this dialect serves a connection with this JDBC URL (null: none). */
    default boolean handles(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith(urlScheme() + ":");
    }

    /**
     * What this dialect, as the source, can do together with {@code target} beyond the plain reader and writer; empty
     * (the default) when nothing. See {@link FastPath}.
     */
    default Optional<FastPath> fastPathTo(Dialect target) {
        return Optional.empty();
    }

    /** Quotes one identifier so its case and characters are kept. */
    String quote(String identifier);

    /** Real names of the tables of the connection's current schema (exact case). */
    default List<String> tableNames(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    /** Columns of one table (real name) in ordinal order; empty when the table does not exist. */
    default List<PhysicalColumn> columns(Connection connection, String realTableName) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<PhysicalColumn> columns = new ArrayList<>();
        // The name is a LIKE pattern for getColumns: '_' matches any character, so keep exact matches only.
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), realTableName, "%")) {
            while (rs.next()) {
                if (!realTableName.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                String autoIncrement = rs.getString("IS_AUTOINCREMENT");
                boolean hasDefault = rs.getString("COLUMN_DEF") != null || "YES".equalsIgnoreCase(autoIncrement);
                ValueKind kind = kindOf(jdbcType, typeName);
                int size = kind == ValueKind.TEXT ? textSize(rs.getInt("COLUMN_SIZE")) : 0;
                columns.add(new PhysicalColumn(rs.getString("COLUMN_NAME"), jdbcType, typeName, nullable, hasDefault,
                        kind, size));
            }
        }
        return columns;
    }

    /** A text column's size in characters as {@link PhysicalColumn#size()} keeps it (0: unknown or unlimited). */
    private static int textSize(int columnSize) {
        return columnSize <= 0 || columnSize >= Integer.MAX_VALUE / 2 ? 0 : columnSize;
    }

    /** The value kind of a column type. */
    default ValueKind kindOf(int jdbcType, String typeName) {
        return ValueKind.ofJdbcType(jdbcType);
    }

    /**
     * Prepares a forward-only, read-only query that streams its rows instead of buffering the result. Implementations
     * set what their driver needs (PostgreSQL: autocommit off and a fetch size). The caller closes the statement.
     */
    default PreparedStatement prepareStreamingQuery(Connection connection, String sql, int fetchSize)
            throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(fetchSize);
        return ps;
    }

    /**
     * Opens a streaming read of {@code columns} (real names) of {@code table}, all rows in no particular order, or only
     * the rows whose integer {@code key} lies in {@code [from, to)} when {@code key} is not null. The default is a
     * {@link #prepareStreamingQuery streaming query} read with {@link #readValue}; engines with a faster bulk export
     * override it.
     */
    default BulkReader openBulkReader(Connection connection, String table, List<PhysicalColumn> columns, String key,
                                      long from, long to, int fetchSize) throws SQLException {
        List<String> names = columns.stream().map(PhysicalColumn::name).toList();
        String sql = key == null ? selectSql(table, names, null) : keyRangeSql(table, names, key);
        PreparedStatement ps = prepareStreamingQuery(connection, sql, fetchSize);
        if (key != null) {
            ps.setLong(1, from);
            ps.setLong(2, to);
        }
        return new ResultSetBulkReader(this, ps, columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new));
    }

    /** Reads column {@code index} of the current row as a normalised value of {@code kind}. */
    default Object readValue(ResultSet rs, int index, ValueKind kind) throws SQLException {
        Object value = switch (kind) {
            case TEXT -> rs.getString(index);
            case INTEGER -> {
                long v = rs.getLong(index);
                yield rs.wasNull() ? null : v;
            }
            case DECIMAL -> rs.getBigDecimal(index);
            case BOOLEAN -> {
                boolean v = rs.getBoolean(index);
                yield rs.wasNull() ? null : v;
            }
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIME -> rs.getObject(index, LocalTime.class);
            case BINARY -> rs.getBytes(index);
        };
        return value;
    }

    /** SELECT of the given columns (real names) of a table, ordered by {@code orderBy} when it is not null. */
    default String selectSql(String table, List<String> columns, String orderBy) {
        String sql = "SELECT " + columns.stream().map(this::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(table);
        return orderBy == null ? sql : sql + " ORDER BY " + quote(orderBy);
    }

    /**
     * SELECT of the rows whose integer key lies in {@code [?, ?)}, ordered by the key: the building block of
     * key-range (parallel or resumable) reads. Parameters: the lower bound (inclusive) and the upper bound (exclusive).
     */
    default String keyRangeSql(String table, List<String> columns, String key) {
        return "SELECT " + columns.stream().map(this::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(table) + " WHERE " + quote(key) + " >= ? AND " + quote(key) + " < ? ORDER BY "
                + quote(key);
    }

    /** The lowest and highest value of an integer column, or null when the table is empty. */
    default long[] keyBounds(Connection connection, String table, String key) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(" + quote(key) + "), MAX(" + quote(key) + ") FROM "
                     + quote(table))) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        }
    }

    /**
     * Starts the read transaction of one app's copy on {@code connection}: every read on it until
     * {@link #endReadSnapshot} sees the database as it was at this call, whatever is written meanwhile (a source kept
     * running). Returns an id other connections join with {@link #importSnapshot}, or null when they cannot join it.
     * The default takes no snapshot: each statement reads the latest committed rows, which is one consistent state
     * only when the source is quiet (StopEnvironment).
     */
    default String beginReadSnapshot(Connection connection) throws SQLException {
        return null;
    }

    /**
     * Why {@link #beginReadSnapshot} will take no snapshot on this connection although the dialect can take one (the
     * copy reports it as a warning), or null. The default: null.
     */
    default String readSnapshotUnavailable(Connection connection) throws SQLException {
        return null;
    }

    /** Ends what {@link #beginReadSnapshot} started. */
    default void endReadSnapshot(Connection connection) throws SQLException {
        connection.rollback();
    }

    /**
     * Makes the snapshot of {@code connection}'s open transaction available to other connections, so that parallel
     * streams read one consistent state; returns its id, or null when the engine cannot share snapshots (each stream
     * then reads its own, which is exact only when the source is quiet, as it is with StopEnvironment).
     */
    default String exportSnapshot(Connection connection) throws SQLException {
        return null;
    }

    /** Starts a read transaction on {@code connection} that sees {@code snapshot} (from {@link #exportSnapshot}). */
    default void importSnapshot(Connection connection, String snapshot) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Whether several transactions may load one table at once and commit only once all of them have loaded (parallel
     * streams on target connections of their own). False unless a dialect knows it is safe: SQL Server may escalate
     * one transaction's row locks to a lock on the whole table, and the other streams would then wait for a commit
     * that waits for them; such targets get one writer per entity, fed by all streams.
     */
    default boolean loadsOneTableConcurrently() {
        return false;
    }

    /**
     * Whether the database takes PostgreSQL's SQL: its typed extended hash functions, {@code md5}, {@code to_char},
     * {@code trim_scale}, array parameters with {@code unnest}, {@code LATERAL}, {@code COLLATE "C"}. existingData
     * Sync ({@link dev.datamigration.engine.sync}) needs it of the target (ranges hashed in the database) and uses it
     * on the source when it has it.
     */
    default boolean speaksPostgresSql() {
        return false;
    }

    /**
     * About how many rows a table has, for progress and for sizing parallel work: what the statistics say when the
     * engine keeps them, else {@link #countRows}. The copy uses this; the plan Job counts exactly.
     */
    default long estimateRows(Connection connection, String table) throws SQLException {
        return countRows(connection, table);
    }

    /**
     * SQL for the length of {@code quotedColumn}'s value: bytes of a BINARY, characters of a TEXT (the ODC pre-checks'
     * limits). The default is standard SQL ({@code OCTET_LENGTH}, {@code CHAR_LENGTH}).
     */
    default String lengthSql(String quotedColumn, ValueKind kind) {
        return (kind == ValueKind.BINARY ? "OCTET_LENGTH(" : "CHAR_LENGTH(") + quotedColumn + ")";
    }

    /** Counts the rows of a table. */
    default long countRows(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes every row of a table inside the caller's transaction; returns the rows deleted. */
    default long deleteAll(Connection connection, String table) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeLargeUpdate("DELETE FROM " + quote(table));
        }
    }

    /** Sets a (reference) column to NULL in every row, inside the caller's transaction. */
    default long clearColumn(Connection connection, String table, String column) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeLargeUpdate("UPDATE " + quote(table) + " SET " + quote(column) + " = NULL WHERE "
                    + quote(column) + " IS NOT NULL");
        }
    }

    /**
     * Opens a bulk load of {@code columns} (real names, in the order of the rows that will be written) into
     * {@code table}, inside the caller's transaction. Identifier values are written as given (identity preserved).
     */
    BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns) throws SQLException;

    /**
     * {@link #openBulkWriter(Connection, String, List)} along {@code path} where the dialect has more than one way to
     * load; the default has one and ignores it.
     */
    default BulkWriter openBulkWriter(Connection connection, String table, List<PhysicalColumn> columns, LoadPath path)
            throws SQLException {
        return openBulkWriter(connection, table, columns);
    }

    /**
     * Moves the identity/sequence of {@code column} past the highest value present, so the application's next insert
     * does not collide with a copied id. A no-op when the column has no identity. Runs in the caller's transaction.
     */
    void reseedIdentity(Connection connection, String table, String column) throws SQLException;

    /**
     * The privileges the connection's user lacks for {@code rights} on {@code table} (real name), read from the
     * engine's catalog and privilege functions: nothing is written and nothing is tried. {@code identifier} is the
     * column (real name) whose values {@link Right#IDENTITY} keeps and reseeds; null when IDENTITY is not asked.
     * Several rights may need one privilege and one right several; each missing privilege is listed once. The default
     * can tell nothing and reports nothing missing: the copy then fails on the first statement that lacks a privilege.
     */
    default List<MissingRight> missingRights(Connection connection, String table, String identifier,
                                             Set<Right> rights) throws SQLException {
        return List.of();
    }

    /** Binds a normalised value as a statement parameter (second-pass updates, key-range bounds). */
    default void bind(PreparedStatement ps, int index, Object value, ValueKind kind) throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (kind) {
                case TEXT -> java.sql.Types.VARCHAR;
                case INTEGER -> java.sql.Types.BIGINT;
                case DECIMAL -> java.sql.Types.NUMERIC;
                case BOOLEAN -> java.sql.Types.BOOLEAN;
                case TIMESTAMP -> java.sql.Types.TIMESTAMP;
                case DATE -> java.sql.Types.DATE;
                case TIME -> java.sql.Types.TIME;
                case BINARY -> java.sql.Types.VARBINARY;
            });
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            ps.setObject(index, value);
        }
    }
}

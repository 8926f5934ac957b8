package dev.datamigration.engine.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stand-ins for the SQL Server and Oracle catalog views, built over H2's INFORMATION_SCHEMA, so the dialects' real
 * catalog queries ({@code SqlServerDialect.COLUMNS_SQL}, {@code OracleDialect.COLUMNS_SQL}, ...) run unchanged on H2.
 * They expose the real views' column names and value conventions (sys.columns.max_length in bytes and -1 for max,
 * Oracle's 'Y'/'N', DATA_TYPE 'NUMBER'/'VARCHAR2'/'TIMESTAMP(6)', DEFAULT_LENGTH, GENERATION_TYPE).
 *
 * <p>What H2 cannot tell apart, and so these views cannot either: SQL Server {@code datetime} and {@code datetime2}
 * are both H2 TIMESTAMP (tests declare a {@code datetime} column as {@code DATETIME2(3)}, which the view reports as
 * {@code datetime}; H2 keeps milliseconds and does not round to 1/300 s ticks as SQL Server does); {@code varchar} and
 * {@code nvarchar} are both CHARACTER VARYING (reported as nvarchar); {@code image} and {@code varbinary(max)} map to
 * H2's BLOB and BINARY VARYING. Oracle DATE is H2 TIMESTAMP(0) (reported as DATE).
 */
public final class H2Catalogs {

    private H2Catalogs() {
    }

    public static void installSqlServer(Connection c) throws SQLException {
        exec(c, "CREATE SCHEMA IF NOT EXISTS sys");
        exec(c, "CREATE VIEW sys.schemas AS SELECT SCHEMA_NAME AS schema_id, SCHEMA_NAME AS name"
                + " FROM INFORMATION_SCHEMA.SCHEMATA");
        exec(c, "CREATE VIEW sys.tables AS SELECT TABLE_SCHEMA || '.' || TABLE_NAME AS object_id,"
                + " TABLE_SCHEMA AS schema_id, TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE'");
        exec(c, "CREATE VIEW sys.types AS SELECT t AS user_type_id, t AS name FROM (VALUES ('nvarchar'), ('nchar'),"
                + " ('int'), ('bigint'), ('smallint'), ('tinyint'), ('decimal'), ('bit'), ('datetime'), ('datetime2'),"
                + " ('date'), ('time'), ('varbinary'), ('image'), ('uniqueidentifier')) AS v(t)");
        exec(c, "CREATE VIEW sys.columns AS SELECT TABLE_SCHEMA || '.' || TABLE_NAME AS object_id,"
                + " ORDINAL_POSITION AS column_id, COLUMN_NAME AS name,"
                + " CASE DATA_TYPE WHEN 'CHARACTER VARYING' THEN 'nvarchar' WHEN 'CHARACTER LARGE OBJECT' THEN"
                + " 'nvarchar' WHEN 'CHARACTER' THEN 'nchar' WHEN 'INTEGER' THEN 'int' WHEN 'BIGINT' THEN 'bigint'"
                + " WHEN 'SMALLINT' THEN 'smallint' WHEN 'TINYINT' THEN 'tinyint' WHEN 'NUMERIC' THEN 'decimal'"
                + " WHEN 'DECIMAL' THEN 'decimal' WHEN 'BOOLEAN' THEN 'bit'"
                + " WHEN 'TIMESTAMP' THEN CASE WHEN DATETIME_PRECISION = 3 THEN 'datetime' ELSE 'datetime2' END"
                + " WHEN 'DATE' THEN 'date' WHEN 'TIME' THEN 'time' WHEN 'BINARY VARYING' THEN 'varbinary'"
                + " WHEN 'BINARY LARGE OBJECT' THEN 'image' WHEN 'UUID' THEN 'uniqueidentifier' END AS system_type_id,"
                + " CASE WHEN DATA_TYPE = 'CHARACTER LARGE OBJECT' OR (DATA_TYPE IN ('CHARACTER VARYING',"
                + " 'BINARY VARYING') AND CHARACTER_MAXIMUM_LENGTH >= 1000000000) THEN -1"
                + " WHEN DATA_TYPE IN ('CHARACTER VARYING', 'CHARACTER') THEN 2 * CHARACTER_MAXIMUM_LENGTH"
                + " WHEN DATA_TYPE = 'BINARY VARYING' THEN CHARACTER_MAXIMUM_LENGTH"
                + " WHEN DATA_TYPE = 'BINARY LARGE OBJECT' THEN 16 WHEN DATA_TYPE = 'UUID' THEN 16 ELSE 8 END"
                + " AS max_length,"
                + " CASE WHEN DATA_TYPE IN ('NUMERIC', 'DECIMAL') THEN NUMERIC_PRECISION ELSE 0 END AS precision,"
                + " COALESCE(NUMERIC_SCALE, DATETIME_PRECISION, 0) AS scale,"
                + " IS_NULLABLE = 'YES' AS is_nullable, IS_IDENTITY = 'YES' AS is_identity,"
                + " CASE WHEN COLUMN_DEFAULT IS NULL THEN 0 ELSE ORDINAL_POSITION END AS default_object_id"
                + " FROM INFORMATION_SCHEMA.COLUMNS");
    }

    public static void installOracle(Connection c) throws SQLException {
        exec(c, "CREATE VIEW ALL_TABLES AS SELECT TABLE_SCHEMA AS OWNER, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE'");
        exec(c, "CREATE VIEW ALL_TAB_COLUMNS AS SELECT TABLE_SCHEMA AS OWNER, TABLE_NAME, COLUMN_NAME,"
                + " ORDINAL_POSITION AS COLUMN_ID,"
                + " CASE DATA_TYPE WHEN 'CHARACTER VARYING' THEN 'VARCHAR2' WHEN 'CHARACTER LARGE OBJECT' THEN 'CLOB'"
                + " WHEN 'BINARY LARGE OBJECT' THEN 'BLOB' WHEN 'BINARY VARYING' THEN 'RAW'"
                + " WHEN 'NUMERIC' THEN 'NUMBER' WHEN 'DECFLOAT' THEN 'NUMBER'"
                + " WHEN 'TIMESTAMP' THEN CASE WHEN DATETIME_PRECISION = 0 THEN 'DATE'"
                + " ELSE 'TIMESTAMP(' || DATETIME_PRECISION || ')' END ELSE DATA_TYPE END AS DATA_TYPE,"
                + " CASE WHEN DATA_TYPE = 'CHARACTER VARYING' THEN CHARACTER_MAXIMUM_LENGTH ELSE 0 END AS CHAR_LENGTH,"
                + " CASE WHEN DATA_TYPE = 'NUMERIC' THEN NUMERIC_PRECISION END AS DATA_PRECISION,"
                + " CASE WHEN DATA_TYPE = 'NUMERIC' THEN NUMERIC_SCALE END AS DATA_SCALE,"
                + " CASE IS_NULLABLE WHEN 'YES' THEN 'Y' ELSE 'N' END AS NULLABLE,"
                + " LENGTH(COLUMN_DEFAULT) AS DEFAULT_LENGTH,"
                + " CASE WHEN DEFAULT_ON_NULL THEN 'YES' ELSE 'NO' END AS DEFAULT_ON_NULL"
                + " FROM INFORMATION_SCHEMA.COLUMNS");
        exec(c, "CREATE VIEW ALL_TAB_IDENTITY_COLUMNS AS SELECT TABLE_SCHEMA AS OWNER, TABLE_NAME, COLUMN_NAME,"
                + " IDENTITY_GENERATION AS GENERATION_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES'");
    }

    /**
     * SQL Server's HAS_PERMS_BY_NAME over a table of grants: {@code TEST_PERMS(SECURABLE, PERMISSION)} holds what the
     * user may do, {@code TEST_OBJECTS(SECURABLE)} the objects the user can see. Like the real function it answers 1
     * or 0, and NULL for an object the user cannot see.
     */
    /** sys.databases with the connection's database in the given snapshot_isolation_state, and DB_NAME(). */
    public static void installSqlServerDatabases(Connection c, int snapshotIsolationState) throws SQLException {
        exec(c, "CREATE TABLE sys.databases (name VARCHAR(128), snapshot_isolation_state INT)");
        exec(c, "INSERT INTO sys.databases VALUES ('other', 1), ('outsystems', " + snapshotIsolationState + ")");
        exec(c, "CREATE ALIAS DB_NAME FOR '" + H2Catalogs.class.getName() + ".dbName'");
    }

    /** The DB_NAME() of the stand-in catalog. */
    public static String dbName() {
        return "outsystems";
    }

    public static void installSqlServerPermissions(Connection c) throws SQLException {
        exec(c, "CREATE TABLE TEST_OBJECTS (SECURABLE VARCHAR(200))");
        exec(c, "CREATE TABLE TEST_PERMS (SECURABLE VARCHAR(200), PERMISSION VARCHAR(50))");
        exec(c, "CREATE ALIAS HAS_PERMS_BY_NAME FOR '" + H2Catalogs.class.getName() + ".hasPermsByName'");
    }

    /** The stand-in of HAS_PERMS_BY_NAME (see {@link #installSqlServerPermissions}); only class OBJECT exists. */
    public static Integer hasPermsByName(Connection c, String securable, String securableClass, String permission)
            throws SQLException {
        if (!"OBJECT".equals(securableClass)) {
            throw new SQLException("securable class " + securableClass + " is not simulated");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM TEST_OBJECTS WHERE SECURABLE"
                + " = ?), (SELECT COUNT(*) FROM TEST_PERMS WHERE SECURABLE = ? AND PERMISSION = ?)")) {
            ps.setString(1, securable);
            ps.setString(2, securable);
            ps.setString(3, permission);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 0 ? null : rs.getInt(2) > 0 ? 1 : 0;
            }
        }
    }

    /**
     * Oracle's privilege views as plain tables the test fills: ALL_TAB_PRIVS (object grants, with the real view's
     * columns), SESSION_ROLES (the enabled roles) and SESSION_PRIVS (system privileges).
     */
    public static void installOraclePrivileges(Connection c) throws SQLException {
        exec(c, "CREATE TABLE ALL_TAB_PRIVS (GRANTOR VARCHAR(128), GRANTEE VARCHAR(128), TABLE_SCHEMA VARCHAR(128),"
                + " TABLE_NAME VARCHAR(128), PRIVILEGE VARCHAR(40))");
        exec(c, "CREATE TABLE SESSION_ROLES (ROLE VARCHAR(128))");
        exec(c, "CREATE TABLE SESSION_PRIVS (PRIVILEGE VARCHAR(40))");
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

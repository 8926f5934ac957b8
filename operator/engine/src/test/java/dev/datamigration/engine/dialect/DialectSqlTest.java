package dev.datamigration.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.MigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL the SQL Server and Oracle dialects send, for every statement kind, and their type mapping. */
class DialectSqlTest {

    private final SqlServerDialect mssql = new SqlServerDialect();
    private final OracleDialect oracle = new OracleDialect();

    @Test
    void dialectsArePickedByUrl() {
        assertThat(Dialects.forUrl("jdbc:sqlserver://db:1433;databaseName=os;encrypt=true"))
                .isInstanceOf(SqlServerDialect.class);
        assertThat(Dialects.forUrl("jdbc:oracle:thin:@tcps://db:2484/OS")).isInstanceOf(OracleDialect.class);
        assertThat(Dialects.forUrl("jdbc:postgresql://db/os")).isInstanceOf(PostgresDialect.class);
        assertThatThrownBy(() -> Dialects.forUrl("jdbc:mysql://db/os"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("no copy dialect for jdbc:mysql: supported are jdbc:postgresql, jdbc:sqlserver and"
                        + " jdbc:oracle");
    }

    @Test
    void sqlServerQuotesWithBracketsAndEscapesClosingBrackets() {
        assertThat(mssql.quote("OSUSR_ABC_Order")).isEqualTo("[OSUSR_ABC_Order]");
        assertThat(mssql.quote("we]ird[name")).isEqualTo("[we]]ird[name]");
    }

    @Test
    void sqlServerStatements() {
        List<String> cols = List.of("ID", "NAME");
        assertThat(mssql.selectSql("OSUSR_ABC_ORDER", cols, null))
                .isEqualTo("SELECT [ID], [NAME] FROM [OSUSR_ABC_ORDER]");
        assertThat(mssql.selectSql("OSUSR_ABC_ORDER", cols, "ID"))
                .isEqualTo("SELECT [ID], [NAME] FROM [OSUSR_ABC_ORDER] ORDER BY [ID]");
        assertThat(mssql.keyRangeSql("OSUSR_ABC_ORDER", cols, "ID"))
                .isEqualTo("SELECT [ID], [NAME] FROM [OSUSR_ABC_ORDER] WHERE [ID] >= ? AND [ID] < ? ORDER BY [ID]");
        assertThat(mssql.countSql("OSUSR_ABC_ORDER")).isEqualTo("SELECT COUNT_BIG(*) FROM [OSUSR_ABC_ORDER]");
        assertThat(SqlServerDialect.reseedSql("[dbo].[OSUSR_ABC_ORDER]"))
                .isEqualTo("DBCC CHECKIDENT (N'[dbo].[OSUSR_ABC_ORDER]', RESEED) WITH NO_INFOMSGS");
        assertThat(SqlServerDialect.reseedSql("[dbo].[it's]"))
                .isEqualTo("DBCC CHECKIDENT (N'[dbo].[it''s]', RESEED) WITH NO_INFOMSGS");
        assertThat(SqlServerDialect.identityInsertSql("[dbo].[OSUSR_ABC_ORDER]", true))
                .isEqualTo("SET IDENTITY_INSERT [dbo].[OSUSR_ABC_ORDER] ON");
        assertThat(SqlServerDialect.identityInsertSql("[dbo].[OSUSR_ABC_ORDER]", false))
                .isEqualTo("SET IDENTITY_INSERT [dbo].[OSUSR_ABC_ORDER] OFF");
    }

    @Test
    void sqlServerCatalogQueries() {
        assertThat(SqlServerDialect.TABLES_SQL).isEqualTo("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME");
        assertThat(SqlServerDialect.COLUMNS_SQL).isEqualTo("SELECT c.name, ty.name, c.max_length, c.precision,"
                + " c.scale, c.is_nullable, c.is_identity, c.default_object_id FROM sys.columns c"
                + " JOIN sys.tables t ON t.object_id = c.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id"
                + " JOIN sys.types ty ON ty.user_type_id = c.system_type_id WHERE s.name = ? AND t.name = ?"
                + " ORDER BY c.column_id");
    }

    @Test
    void privilegeQueriesAskTheEnginesOwnPermissionFunctionsAndViews() {
        assertThat(SqlServerDialect.RIGHTS_SQL).isEqualTo("SELECT HAS_PERMS_BY_NAME(?, 'OBJECT', 'SELECT'),"
                + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'INSERT'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'UPDATE'),"
                + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'DELETE'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'ALTER')");
        assertThat(OracleDialect.PRIVILEGES_SQL).isEqualTo("SELECT PRIVILEGE FROM ALL_TAB_PRIVS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND (GRANTEE IN (USER, 'PUBLIC') OR GRANTEE IN (SELECT ROLE FROM SESSION_ROLES))"
                + " UNION SELECT PRIVILEGE FROM SESSION_PRIVS WHERE PRIVILEGE LIKE '% ANY TABLE'"
                + " UNION SELECT 'OWNER' FROM DUAL WHERE USER = ?");
        assertThat(PostgresDialect.RIGHTS_SQL).isEqualTo("SELECT has_table_privilege(t.oid, 'SELECT'),"
                + " has_table_privilege(t.oid, 'INSERT'), has_table_privilege(t.oid, 'UPDATE'),"
                + " has_table_privilege(t.oid, 'DELETE'), s.name, has_sequence_privilege(s.name, 'UPDATE')"
                + " FROM (SELECT to_regclass(?) AS oid) t CROSS JOIN (SELECT pg_get_serial_sequence(?, ?) AS name) s");
    }

    @Test
    void sqlServerTypesMapToExactKinds() {
        assertThat(mssql.kindOf(0, "nvarchar(max)")).isEqualTo(ValueKind.TEXT);
        assertThat(mssql.kindOf(0, "varchar(250)")).isEqualTo(ValueKind.TEXT);
        assertThat(mssql.kindOf(0, "uniqueidentifier")).isEqualTo(ValueKind.TEXT);
        assertThat(mssql.kindOf(0, "int")).isEqualTo(ValueKind.INTEGER);
        assertThat(mssql.kindOf(0, "bigint")).isEqualTo(ValueKind.INTEGER);
        assertThat(mssql.kindOf(0, "decimal(37,8)")).isEqualTo(ValueKind.DECIMAL);
        assertThat(mssql.kindOf(0, "bit")).isEqualTo(ValueKind.BOOLEAN);
        assertThat(mssql.kindOf(0, "datetime")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(mssql.kindOf(0, "datetime2(7)")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(mssql.kindOf(0, "date")).isEqualTo(ValueKind.DATE);
        assertThat(mssql.kindOf(0, "time(7)")).isEqualTo(ValueKind.TIME);
        assertThat(mssql.kindOf(0, "image")).isEqualTo(ValueKind.BINARY);
        assertThat(mssql.kindOf(0, "varbinary(max)")).isEqualTo(ValueKind.BINARY);
        assertThat(new SqlServerColumn("N", "nvarchar", -1, 0, 0, true, false, false).sqlType())
                .isEqualTo("nvarchar(max)");
        assertThat(new SqlServerColumn("N", "NVARCHAR", 4000, 0, 0, true, false, false).sqlType())
                .isEqualTo("nvarchar(2000)");
        assertThat(SqlServerDialect.canonicalGuid("6F9619FF-8B86-D011-B42D-00C04FC964FF"))
                .isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertThat(SqlServerDialect.canonicalGuid(null)).isNull();
    }

    @Test
    void oracleQuotesWithDoubleQuotes() {
        assertThat(oracle.quote("OSUSR_ABC_Order")).isEqualTo("\"OSUSR_ABC_Order\"");
        assertThat(oracle.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void oracleStatements() {
        List<String> cols = List.of("ID", "NAME");
        assertThat(oracle.selectSql("OSUSR_ABC_ORDER", cols, "ID"))
                .isEqualTo("SELECT \"ID\", \"NAME\" FROM \"OSUSR_ABC_ORDER\" ORDER BY \"ID\"");
        assertThat(oracle.keyRangeSql("OSUSR_ABC_ORDER", cols, "ID")).isEqualTo("SELECT \"ID\", \"NAME\" FROM"
                + " \"OSUSR_ABC_ORDER\" WHERE \"ID\" >= ? AND \"ID\" < ? ORDER BY \"ID\"");
        OracleColumn id = new OracleColumn("ID", "NUMBER", 0, 10, 0, false, false, "BY DEFAULT", false);
        OracleColumn name = new OracleColumn("NAME", "VARCHAR2", 50, null, null, true, true, null, false);
        assertThat(OracleBatchWriter.insertSql(oracle, "OSUSR_ABC_ORDER", List.of(id, name)))
                .isEqualTo("INSERT INTO \"OSUSR_ABC_ORDER\" (\"ID\", \"NAME\") VALUES (?, ?)");
        assertThat(oracle.reseedSql("OSUSR_ABC_ORDER", id)).isEqualTo("ALTER TABLE \"OSUSR_ABC_ORDER\" MODIFY"
                + " (\"ID\" GENERATED BY DEFAULT AS IDENTITY (START WITH LIMIT VALUE))");
        assertThat(oracle.reseedSql("T", new OracleColumn("ID", "NUMBER", 0, 10, 0, false, false, "BY DEFAULT",
                true))).isEqualTo("ALTER TABLE \"T\" MODIFY (\"ID\" GENERATED BY DEFAULT ON NULL AS IDENTITY"
                + " (START WITH LIMIT VALUE))");
        assertThat(oracle.reseedSql("T", new OracleColumn("ID", "NUMBER", 0, 20, 0, false, false, "ALWAYS",
                false))).isEqualTo("ALTER TABLE \"T\" MODIFY (\"ID\" GENERATED ALWAYS AS IDENTITY"
                + " (START WITH LIMIT VALUE))");
    }

    @Test
    void oracleCatalogQueries() {
        assertThat(OracleDialect.TABLES_SQL)
                .isEqualTo("SELECT TABLE_NAME FROM ALL_TABLES WHERE OWNER = ? ORDER BY TABLE_NAME");
        assertThat(OracleDialect.COLUMNS_SQL).isEqualTo("SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHAR_LENGTH,"
                + " c.DATA_PRECISION, c.DATA_SCALE, c.NULLABLE, c.DEFAULT_LENGTH, i.GENERATION_TYPE,"
                + " c.DEFAULT_ON_NULL FROM ALL_TAB_COLUMNS c LEFT JOIN ALL_TAB_IDENTITY_COLUMNS i"
                + " ON i.OWNER = c.OWNER AND i.TABLE_NAME = c.TABLE_NAME AND i.COLUMN_NAME = c.COLUMN_NAME"
                + " WHERE c.OWNER = ? AND c.TABLE_NAME = ? ORDER BY c.COLUMN_ID");
    }

    @Test
    void oracleNumberPrecisionDecidesTheKind() {
        assertThat(oracle.kindOf(0, "NUMBER(1)")).isEqualTo(ValueKind.BOOLEAN);
        assertThat(oracle.kindOf(0, "NUMBER(10)")).isEqualTo(ValueKind.INTEGER);
        assertThat(oracle.kindOf(0, "NUMBER(20)")).isEqualTo(ValueKind.INTEGER);
        assertThat(oracle.kindOf(0, "NUMBER(37,8)")).isEqualTo(ValueKind.DECIMAL);
        assertThat(oracle.kindOf(0, "NUMBER(22)")).isEqualTo(ValueKind.DECIMAL);
        assertThat(oracle.kindOf(0, "NUMBER")).isEqualTo(ValueKind.DECIMAL);
        assertThat(oracle.kindOf(0, "VARCHAR2(50)")).isEqualTo(ValueKind.TEXT);
        assertThat(oracle.kindOf(0, "CLOB")).isEqualTo(ValueKind.TEXT);
        assertThat(oracle.kindOf(0, "DATE")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(oracle.kindOf(0, "TIMESTAMP(6)")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(oracle.kindOf(0, "TIMESTAMP(6) WITH TIME ZONE")).isEqualTo(ValueKind.TEXT);
        assertThat(oracle.kindOf(0, "BLOB")).isEqualTo(ValueKind.BINARY);
    }

    @Test
    void oracleEmptyTextMapping() {
        assertThat(OracleDialect.toOracleText("")).isEqualTo(" ");
        assertThat(OracleDialect.toOracleText(null)).isNull();
        assertThat(OracleDialect.toOracleText("  ")).isEqualTo("  ");
        assertThat(OracleDialect.fromOracleText(" ")).isEqualTo("");
        assertThat(OracleDialect.fromOracleText(null)).isNull();
        assertThat(OracleDialect.fromOracleText(" a")).isEqualTo(" a");
    }

    @Test
    void onlyPostgreSqlTakesSeveralLoadsOfOneTableAtOnce() {
        assertThat(new PostgresDialect().loadsOneTableConcurrently()).isTrue();
        // SQL Server may escalate a stream's row locks to a table lock while the others wait for the common commit;
        // Oracle has not run against a real server. Both get one writer per entity.
        assertThat(mssql.loadsOneTableConcurrently()).isFalse();
        assertThat(oracle.loadsOneTableConcurrently()).isFalse();
    }
}

package dev.datamigration.engine.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.dialect.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact SQL the SQL Server dialect sends, for every statement kind, and its type mapping. */
class SqlServerSqlTest {

    private final SqlServerDialect mssql = new SqlServerDialect();

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
                .isEqualTo("DBCC CHECKIDENT ('[dbo].[OSUSR_ABC_ORDER]', RESEED) WITH NO_INFOMSGS");
        assertThat(SqlServerDialect.reseedSql("[dbo].[it's]"))
                .isEqualTo("DBCC CHECKIDENT ('[dbo].[it''s]', RESEED) WITH NO_INFOMSGS");
        // a name outside ASCII keeps the N prefix, so the server reads it in Unicode whatever the code page
        assertThat(SqlServerDialect.reseedSql("[dbo].[Bestellung_Größe]"))
                .isEqualTo("DBCC CHECKIDENT (N'[dbo].[Bestellung_Größe]', RESEED) WITH NO_INFOMSGS");
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
    void privilegeQueryAsksTheEnginesOwnPermissionFunction() {
        assertThat(SqlServerDialect.RIGHTS_SQL).isEqualTo("SELECT HAS_PERMS_BY_NAME(?, 'OBJECT', 'SELECT'),"
                + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'INSERT'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'UPDATE'),"
                + " HAS_PERMS_BY_NAME(?, 'OBJECT', 'DELETE'), HAS_PERMS_BY_NAME(?, 'OBJECT', 'ALTER')");
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
}

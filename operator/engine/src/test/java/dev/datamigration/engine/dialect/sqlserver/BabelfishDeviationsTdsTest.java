package dev.datamigration.engine.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.fixtures.tds.BabelfishDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where Babelfish, the TDS server the tests run on, differs from what SQL Server documents, and what the dialect does
 * about it. The dialect keeps SQL Server's documented behaviour; each test pins one difference so that a change in
 * Babelfish (or a wrong assumption here) shows. The bulk copy's silent corruption of datetime and uniqueidentifier
 * values is shown end to end in {@code SqlServerCopyTdsTest}.
 */
class BabelfishDeviationsTdsTest {

    @RegisterExtension
    static final BabelfishDatabases TDS = new BabelfishDatabases("deviate");

    private final SqlServerDialect dialect = new SqlServerDialect();

    /**
     * SQL Server accepts a Unicode literal as the table of DBCC CHECKIDENT; Babelfish misreads it as a schema name.
     * The dialect writes a plain literal for ASCII names (the same value on SQL Server), N'..' only beyond ASCII.
     */
    @Test
    void checkidentWithAnNLiteralFailsOnBabelfish() throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE [OSUSR_D_RESEED] ([ID] int IDENTITY(1,1) PRIMARY KEY, [N] int)");
            assertThatThrownBy(() -> st.execute("DBCC CHECKIDENT (N'[dbo].[OSUSR_D_RESEED]', RESEED) WITH NO_INFOMSGS"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
            st.execute(SqlServerDialect.reseedSql("[dbo].[OSUSR_D_RESEED]"));
        }
    }

    /**
     * sys.tables and sys.columns report names in lower case (SQL Server: as declared), while result-set metadata and
     * INFORMATION_SCHEMA keep the declared case. SQLServerBulkCopy compares its column mappings with the result-set
     * names case-sensitively, so a mapping built from sys.columns failed with "Column id is invalid. Please check your
     * column mappings."; the bulk writer maps with the destination's own result-set names.
     */
    @Test
    void catalogViewsReportLowerCaseNamesAndTheBulkCopyMapsByTheDestinationsOwnNames() throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE [OSUSR_D_CITY] ([ID] int NOT NULL PRIMARY KEY, [Name] nvarchar(50))");
            assertThat(dialect.describe(c, "OSUSR_D_CITY")).extracting(SqlServerColumn::name)
                    .containsExactly("id", "name");
            assertThat(SqlServerBulkWriter.destinationColumnNames(c, "[dbo].[OSUSR_D_CITY]"))
                    .containsExactly("ID", "Name");
            c.setAutoCommit(false);
            List<PhysicalColumn> columns = dialect.columns(c, "OSUSR_D_CITY");
            try (BulkWriter writer = dialect.openBulkWriter(c, "OSUSR_D_CITY", columns, LoadPath.BULK_COPY)) {
                writer.write(new Object[] {1L, "Lisboa"});
                assertThat(writer.finish()).isEqualTo(1);
            }
            c.commit();
            try (ResultSet rs = st.executeQuery("SELECT [ID], [Name] FROM [OSUSR_D_CITY]")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("Lisboa");
            }
        }
    }

    /**
     * After a keep-identity bulk copy into a table whose identity was never used, Babelfish leaves the identity at its
     * seed and DBCC CHECKIDENT (..., RESEED) does not move it to the highest id, as SQL Server documents it does.
     * The next generated id is 1. With BatchInsert (SET IDENTITY_INSERT) Babelfish moves the identity itself.
     */
    @Test
    void reseedAfterAKeepIdentityBulkCopyLeavesANeverUsedIdentityAtItsSeed() throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE [OSUSR_D_BULKID] ([ID] int IDENTITY(1,1) PRIMARY KEY, [N] nvarchar(10))");
            st.execute("CREATE TABLE [OSUSR_D_BATCHID] ([ID] int IDENTITY(1,1) PRIMARY KEY, [N] nvarchar(10))");
            c.setAutoCommit(false);
            for (String table : List.of("OSUSR_D_BULKID", "OSUSR_D_BATCHID")) {
                LoadPath path = table.contains("BULK") ? LoadPath.BULK_COPY : LoadPath.BATCH_INSERT;
                try (BulkWriter writer = dialect.openBulkWriter(c, table, dialect.columns(c, table), path)) {
                    writer.write(new Object[] {40L, "a"});
                    writer.write(new Object[] {41L, "b"});
                    writer.finish();
                }
                dialect.reseedIdentity(c, table, "ID");
            }
            c.commit();
            assertThat(nextId(st, "OSUSR_D_BULKID")).isEqualTo(1L);
            assertThat(nextId(st, "OSUSR_D_BATCHID")).isEqualTo(42L);
            c.commit();
        }
    }

    /** Babelfish cannot switch SNAPSHOT isolation off, so the dialect's READ COMMITTED fallback cannot run here. */
    @Test
    void allowSnapshotIsolationCannotBeChangedOnBabelfish() throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("ALTER DATABASE [" + TDS.database()
                    + "] SET ALLOW_SNAPSHOT_ISOLATION OFF")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("'ALTER DATABASE' is not currently supported in Babelfish");
            assertThat(SqlServerDialect.snapshotAllowed(c)).isTrue();
        }
    }

    private static long nextId(Statement st, String table) throws SQLException {
        st.execute("INSERT INTO [" + table + "] ([N]) VALUES (N'next')");
        try (ResultSet rs = st.executeQuery("SELECT [ID] FROM [" + table + "] WHERE [N] = N'next'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

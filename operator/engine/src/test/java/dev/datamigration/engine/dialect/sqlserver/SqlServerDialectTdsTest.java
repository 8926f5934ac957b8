package dev.datamigration.engine.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.sqlserver.jdbc.SQLServerStatement;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.LoadPath;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.fixtures.tds.BabelfishDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every statement the SQL Server dialect sends, run over TDS by mssql-jdbc against Babelfish: the catalog reads, both
 * load paths with IDENTITY_INSERT and the reseed, the adaptive-buffered streaming read, COUNT_BIG, the wipe
 * statements, HAS_PERMS_BY_NAME for a user with and without rights, and the SNAPSHOT read transaction.
 */
class SqlServerDialectTdsTest {

    @RegisterExtension
    static final BabelfishDatabases TDS = new BabelfishDatabases("dialect");

    private static final String TYPES = "OSUSR_T1_TYPES";
    private static final BigDecimal BIG = new BigDecimal("12345678901234567890123456789.12345678");
    private final SqlServerDialect dialect = new SqlServerDialect();

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE [" + TYPES + "] ([ID] bigint IDENTITY(1,1) NOT NULL CONSTRAINT [OSPRK_" + TYPES
                    + "] PRIMARY KEY, [NAME] nvarchar(50) NULL, [NOTES] nvarchar(max) NULL, [CODE] varchar(20) NULL,"
                    + " [AMOUNT] decimal(37,8) NULL, [FLAG] bit NULL, [WHEN] datetime NULL DEFAULT '1900-01-01T00:00:00',"
                    + " [DATA] varbinary(max) NULL, [REF] uniqueidentifier NULL, [COUNT] int NULL)");
        }
    }

    @Test
    void catalogReadsNameEveryTypeWithItsKindSizeIdentityAndDefault() throws Exception {
        try (Connection c = TDS.connect()) {
            assertThat(dialect.tableNames(c)).contains(TYPES);
            assertThat(dialect.columns(c, TYPES)).extracting(PhysicalColumn::typeName, PhysicalColumn::kind,
                    PhysicalColumn::hasDefault, PhysicalColumn::size).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("bigint", ValueKind.INTEGER, true, 0),
                    org.assertj.core.groups.Tuple.tuple("nvarchar(50)", ValueKind.TEXT, false, 50),
                    org.assertj.core.groups.Tuple.tuple("nvarchar(max)", ValueKind.TEXT, false, 0),
                    org.assertj.core.groups.Tuple.tuple("varchar(20)", ValueKind.TEXT, false, 20),
                    org.assertj.core.groups.Tuple.tuple("decimal(37,8)", ValueKind.DECIMAL, false, 0),
                    org.assertj.core.groups.Tuple.tuple("bit", ValueKind.BOOLEAN, false, 0),
                    org.assertj.core.groups.Tuple.tuple("datetime", ValueKind.TIMESTAMP, true, 0),
                    org.assertj.core.groups.Tuple.tuple("varbinary(max)", ValueKind.BINARY, false, 0),
                    org.assertj.core.groups.Tuple.tuple("uniqueidentifier", ValueKind.TEXT, false, 36),
                    org.assertj.core.groups.Tuple.tuple("int", ValueKind.INTEGER, false, 0));
            assertThat(dialect.describe(c, TYPES).get(0).identity()).isTrue();
            assertThat(dialect.columns(c, "OSUSR_T1_NOPE")).isEmpty();
        }
    }

    @Test
    void batchInsertKeepsIdsAndValuesExactlyAndTheStreamingReadGetsThemBack() throws Exception {
        String table = copyOfTypes("OSUSR_T1_BATCH");
        List<Object[]> rows = List.of(
                new Object[] {7L, "Olá 世界 😀", "x".repeat(300_000), "ASCII-1", BIG, true,
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000), new byte[] {1, 2, 3},
                        "6f9619ff-8b86-d011-b42d-00c04fc964ff", 2_147_483_647L},
                new Object[] {8L, "", "", "", new BigDecimal("-0.00000001"), false, LocalDateTime.of(1900, 1, 1, 0, 0),
                        new byte[0], null, 0L},
                new Object[] {9L, null, null, null, null, null, null, null, null, null});
        try (Connection c = TDS.connect()) {
            c.setAutoCommit(false);
            List<PhysicalColumn> columns = dialect.columns(c, table);
            try (BulkWriter writer = dialect.openBulkWriter(c, table, columns, LoadPath.BATCH_INSERT)) {
                assertThat(writer).isInstanceOf(SqlServerBatchWriter.class);
                for (Object[] row : rows) {
                    writer.write(row);
                }
                assertThat(writer.finish()).isEqualTo(3);
            }
            dialect.reseedIdentity(c, table, "ID");
            c.commit();

            List<Object[]> read = new ArrayList<>();
            List<String> names = columns.stream().map(PhysicalColumn::name).toList();
            try (PreparedStatement ps = dialect.prepareStreamingQuery(c, dialect.selectSql(table, names, "ID"), 2)) {
                assertThat(ps.unwrap(SQLServerStatement.class).getResponseBuffering()).isEqualTo("adaptive");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = dialect.readValue(rs, i + 1, columns.get(i).kind());
                        }
                        read.add(row);
                    }
                }
            }
            assertThat(read).hasSize(3);
            for (int r = 0; r < rows.size(); r++) {
                assertThat(read.get(r)).as("row %d", r + 1).containsExactly(rows.get(r));
            }
            assertThat(dialect.countRows(c, table)).isEqualTo(3L);
            assertThat(nextId(c, table)).isEqualTo(10L);
            c.commit();
        }
    }

    /**
     * Bulk copy of the types Babelfish converts correctly (integers, text, decimals, bits, binary), keeping ids and
     * NULLs. Where the identity ends up afterwards is a Babelfish deviation ({@link BabelfishDeviationsTdsTest}).
     */
    @Test
    void bulkCopyKeepsIdsNullsAndValues() throws Exception {
        String table = copyOfTypes("OSUSR_T1_BULK");
        try (Connection c = TDS.connect()) {
            c.setAutoCommit(false);
            List<PhysicalColumn> columns = dialect.columns(c, table).stream()
                    .filter(col -> List.of("ID", "NAME", "NOTES", "CODE", "AMOUNT", "FLAG", "DATA", "COUNT")
                            .contains(col.name().toUpperCase(java.util.Locale.ROOT))).toList();
            try (BulkWriter writer = dialect.openBulkWriter(c, table, columns, LoadPath.BULK_COPY)) {
                assertThat(writer).isInstanceOf(SqlServerBulkWriter.class);
                writer.write(new Object[] {40L, "Zoë 😀", "n", "c", BIG, true, new byte[] {9}, 5L});
                writer.write(new Object[] {41L, null, null, null, null, null, null, null});
                assertThat(writer.finish()).isEqualTo(2);
            }
            dialect.reseedIdentity(c, table, "ID");
            c.commit();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT [NAME], [AMOUNT], [WHEN],"
                    + " [DATA] FROM [" + table + "] ORDER BY [ID]")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Zoë 😀");
                assertThat(rs.getBigDecimal(2)).isEqualTo(BIG);
                rs.next();
                assertThat(rs.getString(1)).isNull();
                assertThat(rs.getObject(3)).as("keepNulls: NULL, not the DEFAULT").isNull();
                assertThat(rs.getBytes(4)).isNull();
            }
            c.commit();
        }
    }

    @Test
    void countBigDeleteAllAndClearColumnWipeAsSqlServerDoes() throws Exception {
        String table = copyOfTypes("OSUSR_T1_WIPE");
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO [" + table + "] ([NAME], [COUNT]) VALUES (N'a', 1), (N'b', 2), (N'c', NULL)");
            assertThat(dialect.countRows(c, table)).isEqualTo(3L);
            assertThat(dialect.clearColumn(c, table, "COUNT")).isEqualTo(2);
            assertThat(dialect.deleteAll(c, table)).isEqualTo(3);
            assertThat(dialect.countRows(c, table)).isZero();
        }
    }

    @Test
    void hasPermsByNameSeesWhatAUserMayDoAndIdentityNeedsAlter() throws Exception {
        String table = copyOfTypes("OSUSR_T1_RIGHTS");
        EnumSet<Right> all = EnumSet.allOf(Right.class);
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            assertThat(dialect.missingRights(c, table, "ID", all)).isEmpty();
            String login = "reader_" + ProcessHandle.current().pid();
            st.execute("CREATE LOGIN [" + login + "] WITH PASSWORD = 'Reader-only-1'");
            try {
                st.execute("CREATE USER [" + login + "] FOR LOGIN [" + login + "]");
                st.execute("GRANT SELECT ON [" + table + "] TO [" + login + "]");
                Properties credentials = new Properties();
                credentials.setProperty("user", login);
                credentials.setProperty("password", "Reader-only-1");
                try (Connection reader = DriverManager.getConnection(TDS.url(), credentials)) {
                    assertThat(dialect.missingRights(reader, table, "ID", all)).containsExactly(
                            MissingRight.onTable("INSERT"), MissingRight.onTable("UPDATE"),
                            MissingRight.onTable("DELETE"), MissingRight.onTable("ALTER"));
                    assertThat(dialect.missingRights(reader, table, "ID", EnumSet.of(Right.SELECT))).isEmpty();
                }
                st.execute("REVOKE SELECT ON [" + table + "] FROM [" + login + "]");
                st.execute("DROP USER [" + login + "]");
            } finally {
                dropLogin(st, login);
            }
        }
    }

    @Test
    void theReadSnapshotDoesNotSeeRowsCommittedAfterItsFirstRead() throws Exception {
        String table = copyOfTypes("OSUSR_T1_SNAP");
        try (Connection reader = TDS.connect(); Connection writer = TDS.connect();
             Statement w = writer.createStatement()) {
            w.execute("INSERT INTO [" + table + "] ([NAME]) VALUES (N'before')");
            assertThat(dialect.readSnapshotUnavailable(reader)).isNull();
            assertThat(dialect.beginReadSnapshot(reader)).isNull();
            assertThat(dialect.countRows(reader, table)).isEqualTo(1L);

            w.execute("INSERT INTO [" + table + "] ([NAME]) VALUES (N'during')");
            assertThat(dialect.countRows(reader, table)).as("inside the snapshot").isEqualTo(1L);

            dialect.endReadSnapshot(reader);
            assertThat(dialect.countRows(reader, table)).as("after it").isEqualTo(2L);
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID")) {
                rs.next();
                assertThat(rs.getInt(1)).as("READ COMMITTED again").isEqualTo(2);
            }
            reader.commit();
        }
    }

    /** The closed session of the login may end a moment after close() returns: retry while it is still there. */
    private static void dropLogin(Statement st, String login) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("DROP LOGIN [" + login + "]");
                return;
            } catch (java.sql.SQLException e) {
                if (attempt == 50 || !String.valueOf(e.getMessage()).contains("currently logged in")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String copyOfTypes(String name) throws Exception {
        try (Connection c = TDS.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE [" + name + "] ([ID] bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,"
                    + " [NAME] nvarchar(50) NULL, [NOTES] nvarchar(max) NULL, [CODE] varchar(20) NULL,"
                    + " [AMOUNT] decimal(37,8) NULL, [FLAG] bit NULL, [WHEN] datetime NULL DEFAULT '1900-01-01T00:00:00',"
                    + " [DATA] varbinary(max) NULL, [REF] uniqueidentifier NULL, [COUNT] int NULL)");
        }
        return name;
    }

    /** Inserts a row without an id and returns the id it got (then removes it). */
    private static long nextId(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO [" + table + "] ([NAME]) VALUES (N'next')");
            try (ResultSet rs = st.executeQuery("SELECT MAX([ID]) FROM [" + table + "] WHERE [NAME] = N'next'")) {
                rs.next();
                long id = rs.getLong(1);
                st.execute("DELETE FROM [" + table + "] WHERE [NAME] = N'next'");
                return id;
            }
        }
    }

}

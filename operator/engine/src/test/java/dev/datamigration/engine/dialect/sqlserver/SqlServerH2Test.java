package dev.datamigration.engine.dialect.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.MissingRight;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.Right;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.engine.testing.H2Catalogs;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlServerDialect} against H2 in MODE=MSSQLServer with the sys.* catalog views of {@link H2Catalogs}: the
 * dialect's own catalog SQL, streaming reads and the batched-INSERT load path run for real on O11-shaped tables.
 *
 * <p>What H2 cannot do, so it is not run here: {@code SQLServerBulkCopy} (needs a SQL Server; its adapter and options
 * are tested in {@link SqlServerBulkWriterTest}), {@code SET IDENTITY_INSERT} and {@code DBCC CHECKIDENT} (H2 has
 * neither: the tests below show the dialect issues them and H2 refuses them), {@code COUNT_BIG} (SQL text only), and
 * datetime's 1/300 s rounding (H2 keeps milliseconds).
 */
class SqlServerH2Test {

    static final String ORDER = "OSUSR_ABC_ORDER";
    static final String IDENT = "OSUSR_ABC_IDENT";
    static final BigDecimal BIG_AMOUNT = new BigDecimal("12345678901234567890123456789.12345678");

    private final SqlServerDialect dialect = new SqlServerDialect();
    private Connection c;

    @BeforeEach
    void setUp() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:mssql" + System.nanoTime() + ";MODE=MSSQLServer");
        H2Catalogs.installSqlServer(c);
        // The O11 SQL Server shapes (outsystems.md 2.5). [CREATEDON] is declared DATETIME2(3) to stand for datetime.
        H2Catalogs.exec(c, "CREATE TABLE [" + ORDER + "] ([ID] INT NOT NULL PRIMARY KEY, [NAME] NVARCHAR(50)"
                + " DEFAULT '', [NOTES] NVARCHAR(MAX), [AMOUNT] DECIMAL(37,8) DEFAULT 0, [ISACTIVE] BIT DEFAULT 0,"
                + " [CREATEDON] DATETIME2(3), [UPDATEDAT] DATETIME2(7), [DUEDATE] DATE, [DUETIME] TIME(7),"
                + " [PHOTO] VARBINARY(MAX), [TOKEN] UNIQUEIDENTIFIER, [BIGID] BIGINT, [CUSTOMERID] INT)");
        H2Catalogs.exec(c, "CREATE TABLE [" + IDENT + "] ([ID] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
                + " [LABEL] NVARCHAR(10))");
        c.setAutoCommit(false);
    }

    @AfterEach
    void tearDown() throws SQLException {
        c.close();
    }

    /** ALLOW_SNAPSHOT_ISOLATION OFF (Babelfish cannot turn it off, so this stand-in is where the fallback runs). */
    @Test
    void withoutAllowSnapshotIsolationTheReadStaysReadCommittedAndSaysWhy() throws SQLException {
        H2Catalogs.installSqlServerDatabases(c, 0);
        assertThat(SqlServerDialect.snapshotAllowed(c)).isFalse();
        assertThat(dialect.readSnapshotUnavailable(c)).isEqualTo("the source database does not allow SNAPSHOT"
                + " isolation (ALLOW_SNAPSHOT_ISOLATION is OFF), so each entity is read in its own READ COMMITTED"
                + " statement; only a stopped source (StopEnvironment) gives one consistent state");
        // H2 knows no SNAPSHOT level: reaching this line shows the dialect did not ask for it
        assertThat(dialect.beginReadSnapshot(c)).isNull();
        assertThat(c.getAutoCommit()).isFalse();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM [" + ORDER + "]")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        dialect.endReadSnapshot(c);
    }

    @Test
    void snapshotIsAllowedOnlyWhenTheStateIsOn() throws SQLException {
        H2Catalogs.installSqlServerDatabases(c, 1);
        assertThat(SqlServerDialect.snapshotAllowed(c)).isTrue();
        assertThat(dialect.readSnapshotUnavailable(c)).isNull();
        H2Catalogs.exec(c, "UPDATE sys.databases SET snapshot_isolation_state = 3");
        assertThat(SqlServerDialect.snapshotAllowed(c)).as("switching on, not yet on").isFalse();
    }

    @Test
    void catalogListsBaseTablesAndDescribesColumnsAsSqlServerTypes() throws SQLException {
        assertThat(dialect.tableNames(c)).containsExactly(IDENT, ORDER);
        assertThat(dialect.columns(c, ORDER)).containsExactly(
                new PhysicalColumn("ID", Types.INTEGER, "int", false, false, ValueKind.INTEGER),
                new PhysicalColumn("NAME", Types.NVARCHAR, "nvarchar(50)", true, true, ValueKind.TEXT, 50),
                new PhysicalColumn("NOTES", Types.NVARCHAR, "nvarchar(max)", true, false, ValueKind.TEXT),
                new PhysicalColumn("AMOUNT", Types.DECIMAL, "decimal(37,8)", true, true, ValueKind.DECIMAL),
                new PhysicalColumn("ISACTIVE", Types.BIT, "bit", true, true, ValueKind.BOOLEAN),
                new PhysicalColumn("CREATEDON", Types.TIMESTAMP, "datetime", true, false, ValueKind.TIMESTAMP),
                new PhysicalColumn("UPDATEDAT", Types.TIMESTAMP, "datetime2(7)", true, false, ValueKind.TIMESTAMP),
                new PhysicalColumn("DUEDATE", Types.DATE, "date", true, false, ValueKind.DATE),
                new PhysicalColumn("DUETIME", Types.TIME, "time(7)", true, false, ValueKind.TIME),
                new PhysicalColumn("PHOTO", Types.VARBINARY, "varbinary(max)", true, false, ValueKind.BINARY),
                new PhysicalColumn("TOKEN", Types.CHAR, "uniqueidentifier", true, false, ValueKind.TEXT, 36),
                new PhysicalColumn("BIGID", Types.BIGINT, "bigint", true, false, ValueKind.INTEGER),
                new PhysicalColumn("CUSTOMERID", Types.INTEGER, "int", true, false, ValueKind.INTEGER));
        assertThat(dialect.describe(c, IDENT)).containsExactly(
                new SqlServerColumn("ID", "int", 8, 0, 0, false, true, false),
                new SqlServerColumn("LABEL", "nvarchar", 20, 0, 0, true, false, false));
        assertThat(dialect.columns(c, IDENT).get(0).hasDefault()).isTrue();
        assertThat(dialect.columns(c, "OSUSR_NOPE")).isEmpty();
    }

    @Test
    void batchedLoadAndStreamingReadRoundTripExactValues() throws SQLException, ValueRejectedException {
        List<PhysicalColumn> columns = dialect.columns(c, ORDER);
        String largeText = "Olá 世界 😀 ".repeat(100_000);
        byte[] largeBinary = new byte[2 * 1024 * 1024];
        for (int i = 0; i < largeBinary.length; i++) {
            largeBinary[i] = (byte) (i * 31);
        }
        List<Object[]> rows = List.of(
                new Object[] {1L, "Olá 世界 😀", largeText, BIG_AMOUNT, true,
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_700), LocalDate.of(3000, 12, 31),
                        LocalTime.of(23, 59, 59, 123_456_700), largeBinary, "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                        Long.MAX_VALUE, null},
                new Object[] {2L, "", "", new BigDecimal("0.00000001"), false, Values.NULL_DATE, Values.NULL_DATE,
                        LocalDate.of(1900, 1, 1), LocalTime.MIDNIGHT, new byte[0], null, 0L, 1L},
                new Object[] {3L, null, null, null, null, null, null, null, null, null, null, null, null});
        long written;
        try (BulkWriter writer = dialect.openBulkWriter(c, ORDER, columns)) {
            assertThat(writer).isInstanceOf(SqlServerBatchWriter.class);
            for (Object[] row : rows) {
                writer.write(row);
            }
            written = writer.finish();
        }
        c.commit();
        assertThat(written).isEqualTo(3);

        List<String> names = columns.stream().map(PhysicalColumn::name).toList();
        List<Object[]> read = new ArrayList<>();
        try (PreparedStatement ps = dialect.prepareStreamingQuery(c, dialect.selectSql(ORDER, names, "ID"), 500)) {
            assertThat(ps.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(ps.getResultSetConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
            assertThat(ps.getFetchSize()).isEqualTo(500);
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
        assertThat(((BigDecimal) read.get(0)[3]).toPlainString()).isEqualTo("12345678901234567890123456789.12345678");
        assertThat(read.get(1)[1]).isEqualTo("");
        assertThat(read.get(2)[1]).isNull();
        assertThat((byte[]) read.get(1)[9]).isEmpty();
        assertThat(read.get(2)[9]).isNull();
    }

    @Test
    void keyRangeCountDeleteAndClearRunAsWritten() throws SQLException, ValueRejectedException {
        List<PhysicalColumn> columns = dialect.columns(c, ORDER).subList(0, 2);
        try (BulkWriter writer = dialect.openBulkWriter(c, ORDER, columns)) {
            for (long id = 1; id <= 5; id++) {
                writer.write(new Object[] {id, "n" + id});
            }
            writer.finish();
        }
        H2Catalogs.exec(c, "UPDATE [" + ORDER + "] SET [CUSTOMERID] = 7 WHERE [ID] <= 2");
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.keyRangeSql(ORDER, List.of("ID", "NAME"), "ID"))) {
            ps.setLong(1, 2);
            ps.setLong(2, 4);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        assertThat(ids).containsExactly(2L, 3L);
        assertThat(dialect.clearColumn(c, ORDER, "CUSTOMERID")).isEqualTo(2);
        assertThat(dialect.deleteAll(c, ORDER)).isEqualTo(5);
        c.rollback();
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM [" + ORDER + "]");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("nothing committed by the dialect").isZero();
        }
    }

    @Test
    void identityColumnsGetIdentityInsertAndCheckident() throws SQLException {
        // H2 has neither statement; its refusal shows exactly what the dialect sends to SQL Server.
        List<PhysicalColumn> columns = dialect.columns(c, IDENT);
        assertThatThrownBy(() -> dialect.openBulkWriter(c, IDENT, columns))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SET IDENTITY_INSERT [PUBLIC].[OSUSR_ABC_IDENT] ON");
        assertThatThrownBy(() -> dialect.reseedIdentity(c, IDENT, "ID"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("DBCC CHECKIDENT ('[PUBLIC].[OSUSR_ABC_IDENT]', RESEED) WITH NO_INFOMSGS");
    }

    @Test
    void reseedOfAColumnWithoutIdentityIssuesNothing() throws SQLException {
        dialect.reseedIdentity(c, ORDER, "ID");
        dialect.reseedIdentity(c, IDENT, "LABEL");
        dialect.reseedIdentity(c, IDENT, "NO_SUCH_COLUMN");
    }

    @Test
    void missingRightsAreWhatHasPermsByNameDeniesAndIdentityIsAlter() throws SQLException {
        H2Catalogs.installSqlServerPermissions(c);
        H2Catalogs.exec(c, "INSERT INTO TEST_OBJECTS VALUES ('[PUBLIC].[OSUSR_ABC_ORDER]'),"
                + " ('[PUBLIC].[OSUSR_ABC_IDENT]')");
        H2Catalogs.exec(c, "INSERT INTO TEST_PERMS VALUES ('[PUBLIC].[OSUSR_ABC_ORDER]', 'SELECT'),"
                + " ('[PUBLIC].[OSUSR_ABC_ORDER]', 'DELETE'), ('[PUBLIC].[OSUSR_ABC_IDENT]', 'SELECT'),"
                + " ('[PUBLIC].[OSUSR_ABC_IDENT]', 'INSERT'), ('[PUBLIC].[OSUSR_ABC_IDENT]', 'UPDATE'),"
                + " ('[PUBLIC].[OSUSR_ABC_IDENT]', 'DELETE')");
        EnumSet<Right> all = EnumSet.allOf(Right.class);

        assertThat(dialect.missingRights(c, ORDER, "ID", all)).containsExactly(MissingRight.onTable("INSERT"),
                MissingRight.onTable("UPDATE"), MissingRight.onTable("ALTER"));
        // Only what is asked is reported; ALTER stands for IDENTITY even where no column is an identity.
        assertThat(dialect.missingRights(c, ORDER, null, EnumSet.of(Right.SELECT, Right.DELETE))).isEmpty();
        assertThat(dialect.missingRights(c, ORDER, "ID", EnumSet.of(Right.IDENTITY)))
                .containsExactly(MissingRight.onTable("ALTER"));
        assertThat(dialect.missingRights(c, IDENT, "ID", all)).containsExactly(MissingRight.onTable("ALTER"));
        H2Catalogs.exec(c, "INSERT INTO TEST_PERMS VALUES ('[PUBLIC].[OSUSR_ABC_IDENT]', 'ALTER')");
        assertThat(dialect.missingRights(c, IDENT, "ID", all)).isEmpty();
        // A table the user cannot see (NULL) lacks everything.
        assertThat(dialect.missingRights(c, "OSUSR_ABC_HIDDEN", "ID", EnumSet.of(Right.SELECT, Right.INSERT)))
                .containsExactly(MissingRight.onTable("SELECT"), MissingRight.onTable("INSERT"));
    }

    @Test
    void loadIntoAnUnknownColumnFailsBeforeWriting() {
        List<PhysicalColumn> columns = List.of(
                new PhysicalColumn("ID", Types.INTEGER, "int", false, false, ValueKind.INTEGER),
                new PhysicalColumn("NOPE", Types.NVARCHAR, "nvarchar(10)", true, false, ValueKind.TEXT));
        assertThatThrownBy(() -> dialect.openBulkWriter(c, ORDER, columns))
                .isInstanceOf(SQLException.class)
                .hasMessage("SQL Server table OSUSR_ABC_ORDER has no column NOPE");
    }

    @Test
    void writerRowArrayMayBeReusedByTheCaller() throws SQLException, ValueRejectedException {
        List<PhysicalColumn> columns = dialect.columns(c, ORDER).subList(0, 2);
        Object[] row = new Object[2];
        try (BulkWriter writer = dialect.openBulkWriter(c, ORDER, columns)) {
            for (long id = 1; id <= 3; id++) {
                row[0] = id;
                row[1] = "name " + id;
                writer.write(row);
            }
            writer.finish();
        }
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT [NAME] FROM [" + ORDER + "] ORDER BY [ID]");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        assertThat(names).isEqualTo(Arrays.asList("name 1", "name 2", "name 3"));
    }
}

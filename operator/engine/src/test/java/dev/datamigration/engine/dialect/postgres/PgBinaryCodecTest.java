package dev.datamigration.engine.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.BulkReader;
import dev.datamigration.engine.dialect.BulkWriter;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.ValueRejectedException;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The binary COPY codec against a real PostgreSQL: every edge value written with {@link PgBinaryEncoder} is stored
 * exactly as the text format ({@link CopyTextEncoder}) stores it, reads back as the expected normalised value, and
 * {@link PgBinaryDecoder} reads what JDBC reads.
 */
class PgBinaryCodecTest {

    private static final String COLUMNS_DDL = "(\"ID\" bigint PRIMARY KEY, \"I2\" smallint, \"I4\" integer,"
            + " \"TXT\" text, \"VC\" varchar(20), \"BIN\" bytea, \"DEC\" numeric(37,8), \"NUM\" numeric,"
            + " \"WHEN\" timestamp, \"DAY\" date, \"AT\" time, \"FLAG\" boolean)";

    private final PostgresDialect dialect = new PostgresDialect();
    private final EmbeddedPostgres pg = EmbeddedPostgres.shared();
    private String database;
    private Connection connection;
    private List<PhysicalColumn> columns;

    @BeforeEach
    void setUp() throws Exception {
        database = EmbeddedPostgres.uniqueDatabaseName("binarycopy");
        pg.createDatabase(database);
        connection = pg.connect(database);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE \"BINARY\" " + COLUMNS_DDL);
            st.execute("CREATE TABLE \"TEXT\" " + COLUMNS_DDL);
        }
        connection.setAutoCommit(false);
        columns = dialect.columns(connection, "BINARY");
    }

    @AfterEach
    void tearDown() throws Exception {
        connection.close();
        pg.dropDatabase(database);
    }

    private static Object[] row(long id, Long i2, Long i4, String txt, String vc, byte[] bin, String dec, String num,
                                LocalDateTime when, LocalDate day, LocalTime at, Boolean flag) {
        return new Object[] {id, i2, i4, txt, vc, bin, dec == null ? null : new BigDecimal(dec),
            num == null ? null : new BigDecimal(num), when, day, at, flag};
    }

    private static List<Object[]> edgeRows() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        String longText = "ünïcødé ".repeat(20_000);
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(1, 0L, 0L, "", "", new byte[0], "0", "0", LocalDateTime.of(1900, 1, 1, 0, 0),
                LocalDate.of(1900, 1, 1), LocalTime.MIDNIGHT, false));
        rows.add(row(2, null, null, null, null, null, null, null, null, null, null, null));
        rows.add(row(3, -32768L, (long) Integer.MIN_VALUE, "tab\there\nnew\\back\rcr \\N", "\\N", allBytes,
                "-99999999999999999999999999999.99999999", "-123456789012345678901234567890.123456789012345678901",
                LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(1999, 12, 31),
                LocalTime.of(23, 59, 59, 999_999_000), true));
        rows.add(row(4, 32767L, (long) Integer.MAX_VALUE, "李伟 😀 ünïcødé", "😀", large,
                "99999999999999999999999999999.99999999", "5E+10",
                LocalDateTime.of(2000, 1, 1, 0, 0), LocalDate.of(2000, 1, 1), LocalTime.of(12, 34, 56, 500_000_000),
                false));
        rows.add(row(5, 1L, -1L, longText, "x", new byte[] {0}, "0.00000001", "0.000000000000000000000001",
                LocalDateTime.of(1, 1, 1, 0, 0), LocalDate.of(1, 1, 1), LocalTime.of(0, 0, 0, 1000), true));
        rows.add(row(6, -1L, 10_000L, "a", "b", new byte[] {(byte) 0xff}, "-0.00000001", "-0.5",
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(9999, 12, 31),
                LocalTime.of(1, 2, 3), false));
        rows.add(row(7, 10L, 9999L, "1", "2", new byte[] {1, 2}, "1E+4", "10000", LocalDateTime.of(2024, 2, 29,
                12, 0, 0, 123_456_789), LocalDate.of(2024, 2, 29), LocalTime.of(0, 0, 0, 499), true));
        rows.add(row(8, 100L, 100_000_000L, "  spaces  ", " ", null, "1.123456789", "0.0001", LocalDateTime.of(1970,
                1, 1, 0, 0, 0, 600), null, null, null));
        rows.add(row(9, 1000L, 1L, "x", null, null, "12345.6789", "-0", null, null, null, null));
        rows.add(row(10, null, null, null, null, null, "0.00000000", "99990000.00010000", null, null, null, null));
        rows.add(row(11, null, null, null, null, null, "-1234567890123456.78901234", "1.5", null, null, null, null));
        return rows;
    }

    @Test
    void storesEveryEdgeValueExactlyAsTheTextFormatDoes() throws Exception {
        List<Object[]> rows = edgeRows();
        try (BulkWriter writer = dialect.openBulkWriter(connection, "BINARY", columns)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            assertThat(writer.finish()).isEqualTo(rows.size());
        }
        writeText("TEXT", rows);
        connection.commit();
        String list = "\"ID\", \"I2\", \"I4\", \"TXT\", \"VC\", \"BIN\", \"DEC\", \"NUM\", \"WHEN\", \"DAY\", \"AT\","
                + " \"FLAG\"";
        // Compare the stored values, display scale included (numeric text output shows it).
        String asText = "SELECT \"ID\", \"I2\"::text, \"I4\"::text, \"TXT\", \"VC\", encode(\"BIN\", 'hex'),"
                + " \"DEC\"::text, \"NUM\"::text, \"WHEN\"::text, \"DAY\"::text, \"AT\"::text, \"FLAG\"::text FROM ";
        assertThat(queryStrings(asText + "\"BINARY\" ORDER BY 1")).isEqualTo(queryStrings(asText
                + "\"TEXT\" ORDER BY 1"));
        assertThat(count("SELECT " + list + " FROM \"BINARY\" EXCEPT SELECT " + list + " FROM \"TEXT\"")).isZero();
        assertThat(count("SELECT " + list + " FROM \"TEXT\" EXCEPT SELECT " + list + " FROM \"BINARY\"")).isZero();
        assertThat(count("SELECT 1 FROM \"BINARY\"")).isEqualTo(rows.size());
        // Values PostgreSQL rounds or normalises, spelled out.
        assertThat(queryStrings("SELECT \"DEC\"::text, \"NUM\"::text, \"WHEN\"::text FROM \"BINARY\" WHERE \"ID\" IN"
                + " (7, 8, 9, 4) ORDER BY \"ID\"")).containsExactly(
                List.of("99999999999999999999999999999.99999999", "50000000000", "2000-01-01 00:00:00"),
                List.of("10000.00000000", "10000", "2024-02-29 12:00:00.123457"),
                Arrays.asList("1.12345679", "0.0001", "1970-01-01 00:00:00.000001"),
                Arrays.asList("12345.67890000", "0", null));
    }

    @Test
    void readsBackWhatJdbcReadsForEveryColumn() throws Exception {
        List<Object[]> rows = edgeRows();
        try (BulkWriter writer = dialect.openBulkWriter(connection, "BINARY", columns)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
        connection.commit();
        Map<Long, List<Object>> viaJdbc = new TreeMap<>();
        List<String> names = columns.stream().map(PhysicalColumn::name).toList();
        try (PreparedStatement ps = connection.prepareStatement(dialect.selectSql("BINARY", names, null));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.add(comparable(dialect.readValue(rs, i + 1, columns.get(i).kind())));
                }
                viaJdbc.put((Long) values.get(0), values);
            }
        }
        Map<Long, List<Object>> viaCopy = new TreeMap<>();
        Object[] values = new Object[columns.size()];
        try (BulkReader reader = dialect.openBulkReader(connection, "BINARY", columns, null, 0, 0, 100)) {
            while (reader.next(values)) {
                viaCopy.put((Long) values[0], Arrays.stream(values).map(PgBinaryCodecTest::comparable).toList());
            }
        }
        connection.commit();
        assertThat(viaCopy).hasSize(rows.size());
        assertThat(viaCopy).isEqualTo(viaJdbc);
        assertThat(viaCopy.get(3L).get(6)).isEqualTo(new BigDecimal("-99999999999999999999999999999.99999999"));
        assertThat(viaCopy.get(7L).get(6)).isEqualTo(new BigDecimal("10000.00000000"));
        assertThat(viaCopy.get(1L).get(3)).isEqualTo("");
        assertThat(viaCopy.get(2L).get(3)).isNull();
        assertThat(viaCopy.get(4L).get(3)).isEqualTo("李伟 😀 ünïcødé");
        assertThat(viaCopy.get(5L).get(8)).isEqualTo(LocalDateTime.of(1, 1, 1, 0, 0));
        assertThat(viaCopy.get(3L).get(8)).isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(viaCopy.get(6L).get(5)).isEqualTo("ff");
    }

    @Test
    void keyRangeReadReturnsExactlyTheRowsInTheRange() throws Exception {
        try (BulkWriter writer = dialect.openBulkWriter(connection, "BINARY", columns)) {
            for (Object[] row : edgeRows()) {
                writer.write(row);
            }
            writer.finish();
        }
        connection.commit();
        List<Long> ids = new ArrayList<>();
        Object[] values = new Object[columns.size()];
        try (BulkReader reader = dialect.openBulkReader(connection, "BINARY", columns, "ID", 3, 7, 100)) {
            while (reader.next(values)) {
                ids.add((Long) values[0]);
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(3L, 4L, 5L, 6L);
        // The connection is usable right after the read (the COPY was consumed to its end).
        assertThat(dialect.countRows(connection, "BINARY")).isEqualTo(11);
    }

    @Test
    void rejectsOutOfRangeIntegersAndNulCharactersWithTheColumnAndWritesNothing() throws Exception {
        try (BulkWriter writer = dialect.openBulkWriter(connection, "BINARY", columns)) {
            writer.write(edgeRows().get(0));
            Object[] wide = edgeRows().get(1);
            wide[1] = 32768L;
            assertThatThrownBy(() -> writer.write(wide)).isInstanceOf(ValueRejectedException.class)
                    .hasMessage("32768 is out of range for smallint")
                    .satisfies(e -> assertThat(((ValueRejectedException) e).column()).isEqualTo(1));
            Object[] wideInt = edgeRows().get(1);
            wideInt[2] = 1L + Integer.MAX_VALUE;
            assertThatThrownBy(() -> writer.write(wideInt)).hasMessage("2147483648 is out of range for integer");
            Object[] nul = edgeRows().get(1);
            nul[3] = "ü\0x";
            assertThatThrownBy(() -> writer.write(nul)).isInstanceOf(ValueRejectedException.class)
                    .hasMessage("NUL character at position 1 (PostgreSQL text cannot hold it)");
        }
        connection.rollback();
        assertThat(dialect.countRows(connection, "BINARY")).isZero();
    }

    @Test
    void encodesNumericInBaseTenThousandDigits() throws Exception {
        assertThat(numeric("1234.5678")).isEqualTo("0002 0000 0000 0004 04d2 162e");
        assertThat(numeric("-0.00000001")).isEqualTo("0001 fffe 4000 0008 0001");
        assertThat(numeric("10000")).isEqualTo("0001 0001 0000 0000 0001");
        assertThat(numeric("0.000")).isEqualTo("0000 0000 0000 0003");
        assertThat(numeric("1E+8")).isEqualTo("0001 0002 0000 0000 0001");
    }

    @Test
    void fallsBackToTextForColumnTypesWithoutABinaryEncoding() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE \"FLOATY\" (\"ID\" bigint, \"RATE\" double precision)");
        }
        List<PhysicalColumn> floaty = dialect.columns(connection, "FLOATY");
        assertThat(PostgresDialect.binaryTypes(floaty)).isNull();
        assertThat(PostgresDialect.binaryTypes(columns)).containsExactly(PgBinaryType.INT8, PgBinaryType.INT2,
                PgBinaryType.INT4, PgBinaryType.TEXT, PgBinaryType.TEXT, PgBinaryType.BYTEA, PgBinaryType.NUMERIC,
                PgBinaryType.NUMERIC, PgBinaryType.TIMESTAMP, PgBinaryType.DATE, PgBinaryType.TIME,
                PgBinaryType.BOOL);
        try (BulkWriter writer = dialect.openBulkWriter(connection, "FLOATY", floaty)) {
            writer.write(new Object[] {1L, new BigDecimal("0.1")});
            assertThat(writer.finish()).isEqualTo(1);
        }
        Object[] values = new Object[2];
        try (BulkReader reader = dialect.openBulkReader(connection, "FLOATY", floaty, null, 0, 0, 10)) {
            assertThat(reader.next(values)).isTrue();
            assertThat(values).containsExactly(1L, new BigDecimal("0.1"));
            assertThat(reader.next(values)).isFalse();
        }
    }

    /** The numeric field (after its length) as hex int16 words. */
    private static String numeric(String value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PgBinaryEncoder encoder = new PgBinaryEncoder((bytes, length) -> out.write(bytes, 0, length),
                new PgBinaryType[] {PgBinaryType.NUMERIC}, 64);
        encoder.writeRow(new Object[] {new BigDecimal(value)});
        encoder.flush();
        byte[] bytes = out.toByteArray();
        String hex = HexFormat.of().formatHex(bytes, 6, bytes.length);
        return String.join(" ", hex.split("(?<=\\G.{4})"));
    }

    private void writeText(String table, List<Object[]> rows) throws Exception {
        ValueKind[] kinds = columns.stream().map(PhysicalColumn::kind).toArray(ValueKind[]::new);
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY \"" + table + "\" FROM STDIN (FORMAT text)");
        try (OutputStream out = copy) {
            CopyTextEncoder encoder = new CopyTextEncoder(out);
            for (Object[] row : rows) {
                encoder.writeRow(row, kinds);
            }
        }
    }

    private List<List<String>> queryStrings(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private long count(String sql) throws Exception {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + sql + ") x")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Object comparable(Object value) {
        return value instanceof byte[] b ? HexFormat.of().formatHex(b) : value;
    }

    static {
        // The test compares UTF-8 text byte for byte: make sure the literal above survived the build's encoding.
        if (!"ü".equals(new String(new byte[] {(byte) 0xc3, (byte) 0xbc}, StandardCharsets.UTF_8))) {
            throw new IllegalStateException("sources must be compiled as UTF-8");
        }
    }
}

package dev.datamigration.engine.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.dialect.FastPath;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.RowFeed;
import dev.datamigration.engine.dialect.RowHashSink;
import dev.datamigration.engine.dialect.TableRead;
import dev.datamigration.engine.testing.H2Dialect;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL to PostgreSQL {@link FastPath}: pass-through of unchanged fields from a binary COPY read into a binary
 * COPY load, and the verification hash over binary encodings ({@link PgRowHasher}) computed while writing and while
 * reading back, against a real PostgreSQL.
 */
class PgPassThroughTest {

    private static final String DDL = "(\"ID\" bigint PRIMARY KEY, \"I4\" integer, \"TXT\" text, \"VC\" varchar(20),"
            + " \"BIN\" bytea, \"DEC\" numeric(37,8), \"WHEN\" timestamp, \"DAY\" date, \"AT\" time, \"FLAG\" boolean)";
    private static final String AS_TEXT = "SELECT \"ID\", \"I4\"::text, \"TXT\", \"VC\", encode(\"BIN\", 'hex'),"
            + " \"DEC\"::text, \"WHEN\"::text, \"DAY\"::text, \"AT\"::text, \"FLAG\"::text FROM ";

    private final PostgresDialect dialect = new PostgresDialect();
    private final FastPath fast = dialect.fastPathTo(dialect).orElseThrow();
    private final EmbeddedPostgres pg = EmbeddedPostgres.shared();
    private String database;
    private Connection source;
    private Connection target;

    @BeforeEach
    void setUp() throws Exception {
        database = EmbeddedPostgres.uniqueDatabaseName("passthrough");
        pg.createDatabase(database);
        source = pg.connect(database);
        target = pg.connect(database);
        try (Statement st = source.createStatement()) {
            st.execute("CREATE TABLE \"SRC\" " + DDL);
            st.execute("CREATE TABLE \"DST\" " + DDL);
        }
        source.setAutoCommit(false);
        target.setAutoCommit(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        source.close();
        target.close();
        pg.dropDatabase(database);
    }

    private static List<Object[]> rows() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, 0L, "", "", new byte[0], new BigDecimal("0"), LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDate.of(1900, 1, 1), LocalTime.MIDNIGHT, false});
        rows.add(new Object[] {2L, null, null, null, null, null, null, null, null, null});
        rows.add(new Object[] {3L, (long) Integer.MIN_VALUE, "李伟 😀 ünïcødé " + "x".repeat(70_000), "😀", allBytes,
            new BigDecimal("-99999999999999999999999999999.99999999"),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), LocalDate.of(1, 1, 1),
            LocalTime.of(23, 59, 59, 999_999_000), true});
        rows.add(new Object[] {4L, 7L, "tab\tnew\nline", "a", new byte[] {0}, new BigDecimal("1.5"),
            LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000), LocalDate.of(9999, 12, 31), LocalTime.of(1, 2, 3),
            true});
        return rows;
    }

    private List<PhysicalColumn> columns(String table) throws SQLException {
        return dialect.columns(target, table);
    }

    private void load(Connection connection, String table, List<Object[]> rows, HashList hashes) throws Exception {
        try (FastPath.Load writer = fast.openLoad(connection, table, columns(table)).orElseThrow()) {
            if (hashes != null) {
                assertThat(writer.hashRowsTo(hashes)).isTrue();
            }
            for (Object[] row : rows) {
                writer.write(row);
            }
            assertThat(writer.finish()).isEqualTo(rows.size());
        }
        connection.commit();
    }

    /** Row hashes as sorted hex pairs: the multiset both sides must agree on. */
    private static final class HashList implements RowHashSink {
        private final List<String> hashes = new ArrayList<>();

        @Override
        public synchronized void add(long h1, long h2) {
            hashes.add(String.format("%016x%016x", h1, h2));
        }

        List<String> sorted() {
            return hashes.stream().sorted().toList();
        }
    }

    private HashList readHashes(Connection connection, String table) throws Exception {
        HashList read = new HashList();
        assertThat(fast.hashStored(connection, TableRead.all(table, columns(table), 100), read))
                .isEqualTo(read.hashes.size());
        connection.commit();
        return read;
    }

    @Test
    void passesUnchangedFieldsAsTheyAreAndStoresWhatDecodingWouldStore() throws Exception {
        load(source, "SRC", rows(), null);
        HashList written = new HashList();
        TableRead read = TableRead.all("SRC", columns("SRC"), 100);
        try (FastPath.Load writer = fast.openLoad(target, "DST", columns("DST")).orElseThrow();
             RowFeed feed = writer.feed(source, read, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) {
            assertThat(writer.hashRowsTo(written)).isTrue();
            int[] pass = feed.passThrough();
            // time is decoded and encoded again (24:00:00 has no LocalTime); everything else passes.
            assertThat(pass).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, -1, 9);
            boolean[] decode = {true, false, false, false, false, false, false, false, true, false};
            Object[] values = new Object[10];
            List<Object> decodedIds = new ArrayList<>();
            while (feed.next(values, decode)) {
                decodedIds.add(values[0]);
                assertThat(values[2]).isNull();
                Object[] row = new Object[10];
                row[8] = values[8];
                feed.write(row);
            }
            assertThat(decodedIds).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
            assertThat(writer.finish()).isEqualTo(4);
        }
        source.commit();
        target.commit();
        assertThat(queryStrings(AS_TEXT + "\"DST\" ORDER BY 1")).isEqualTo(queryStrings(AS_TEXT + "\"SRC\" ORDER BY 1"));
        assertThat(queryStrings("SELECT \"DEC\"::text, \"WHEN\"::text FROM \"DST\" WHERE \"ID\" = 4"))
                .containsExactly(List.of("1.50000000", "2024-02-29 12:00:00.123456"));
        // The hashes taken while writing are those of the stored rows, on either table.
        assertThat(written.sorted()).hasSize(4).isEqualTo(readHashes(target, "DST").sorted())
                .isEqualTo(readHashes(source, "SRC").sorted());
    }

    @Test
    void passedFieldsMayComeInAnyOrderAndInterleaveWithEncodedColumns() throws Exception {
        load(source, "SRC", rows(), null);
        try (Statement st = target.createStatement()) {
            st.execute("CREATE TABLE \"PERM\" (\"ID\" bigint, \"FLAG\" boolean, \"NOTE\" text, \"TXT\" text,"
                    + " \"I4\" integer, \"VC\" varchar(20))");
        }
        target.commit();
        HashList written = new HashList();
        TableRead read = TableRead.all("SRC", columns("SRC"), 100);
        try (FastPath.Load writer = fast.openLoad(target, "PERM", columns("PERM")).orElseThrow();
             RowFeed feed = writer.feed(source, read, new int[] {0, 9, -1, 2, 1, 3})) {
            assertThat(writer.hashRowsTo(written)).isTrue();
            // NOTE is computed (encoded); the others pass from fields 0, 9, 2, 1, 3 of SRC.
            int[] pass = feed.passThrough();
            assertThat(pass).containsExactly(0, 9, -1, 2, 1, 3);
            Object[] values = new Object[10];
            boolean[] decode = new boolean[10];
            decode[0] = true;
            while (feed.next(values, decode)) {
                feed.write(new Object[] {null, null, "row " + values[0], null, null, null});
            }
            assertThat(writer.finish()).isEqualTo(4);
        }
        source.commit();
        target.commit();
        assertThat(queryStrings("SELECT \"ID\", \"FLAG\"::text, \"NOTE\", \"TXT\", \"I4\"::text, \"VC\" FROM"
                + " \"PERM\" ORDER BY 1")).isEqualTo(queryStrings("SELECT \"ID\", \"FLAG\"::text, 'row ' || \"ID\","
                + " \"TXT\", \"I4\"::text, \"VC\" FROM \"SRC\" ORDER BY 1"));
        assertThat(readHashes(target, "PERM").sorted()).hasSize(4).isEqualTo(written.sorted());
    }

    @Test
    void numericDisplayScaleIsNormalisedButARoundedValueIsADifference() throws Exception {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE TABLE \"WIDE\" (\"ID\" bigint, \"D\" numeric(37,8))");
            st.execute("CREATE TABLE \"NARROW\" (\"ID\" bigint, \"D\" numeric(10,2))");
        }
        target.commit();
        List<Object[]> rows = List.<Object[]>of(new Object[] {1L, new BigDecimal("1.5")}, new Object[] {2L, BigDecimal.ZERO},
                new Object[] {3L, new BigDecimal("-30000")}, new Object[] {4L, new BigDecimal("0.00010000")});
        HashList wide = new HashList();
        load(target, "WIDE", rows, wide);
        assertThat(queryStrings("SELECT \"D\"::text FROM \"WIDE\" ORDER BY \"ID\"")).containsExactly(
                List.of("1.50000000"), List.of("0.00000000"), List.of("-30000.00000000"), List.of("0.00010000"));
        assertThat(readHashes(target, "WIDE").sorted()).isEqualTo(wide.sorted());

        HashList narrow = new HashList();
        load(target, "NARROW", List.<Object[]>of(new Object[] {1L, new BigDecimal("1.234")},
                new Object[] {2L, new BigDecimal("1.5")}), narrow);
        HashList stored = readHashes(target, "NARROW");
        // 1.234 was stored as 1.23: that row differs, the other (1.5 stored as 1.50) does not.
        assertThat(stored.sorted()).hasSize(2).isNotEqualTo(narrow.sorted());
        assertThat(stored.hashes).containsAnyElementsOf(narrow.hashes);
        HashList exact = new HashList();
        load(target, "NARROW", List.<Object[]>of(new Object[] {1L, new BigDecimal("1.23")}), exact);
        assertThat(readHashes(target, "NARROW").hashes).containsAll(exact.hashes);
    }

    @Test
    void rowsSpanningChunksDecodeAndHashAsWholeRows() throws Exception {
        PgBinaryType[] types = {PgBinaryType.INT8, PgBinaryType.INT4, PgBinaryType.TEXT, PgBinaryType.TEXT,
            PgBinaryType.BYTEA, PgBinaryType.NUMERIC, PgBinaryType.TIMESTAMP, PgBinaryType.DATE, PgBinaryType.TIME,
            PgBinaryType.BOOL};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HashList written = new HashList();
        PgBinaryEncoder encoder = new PgBinaryEncoder((bytes, length) -> out.write(bytes, 0, length), types, 64);
        encoder.hashRowsTo(written);
        encoder.writeHeader();
        for (Object[] row : rows()) {
            encoder.writeRow(row);
        }
        encoder.writeTrailer();
        encoder.flush();
        byte[] stream = out.toByteArray();
        for (int chunkSize : new int[] {1, 7, 4096, stream.length}) {
            List<byte[]> chunks = new ArrayList<>();
            for (int from = 0; from < stream.length; from += chunkSize) {
                chunks.add(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunkSize)));
            }
            var it = chunks.iterator();
            PgBinaryDecoder decoder = new PgBinaryDecoder(() -> it.hasNext() ? it.next() : null, types);
            PgRowHasher hasher = new PgRowHasher(types);
            HashList read = new HashList();
            List<List<Object>> decoded = new ArrayList<>();
            Object[] values = new Object[types.length];
            while (decoder.next(values)) {
                decoder.hashRow(hasher, read);
                decoded.add(Arrays.stream(values).map(PgPassThroughTest::comparable).toList());
            }
            assertThat(decoded).as("chunks of %d bytes", chunkSize).isEqualTo(rows().stream()
                    .map(r -> Arrays.stream(r).map(PgPassThroughTest::comparable).toList()).toList());
            assertThat(read.hashes).as("chunks of %d bytes", chunkSize).isEqualTo(written.hashes);
        }
        assertThat(written.hashes).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void aPassedFieldIsHeldToTheDecodingRulesForInfinity() throws Exception {
        try (Statement st = source.createStatement()) {
            st.execute("INSERT INTO \"SRC\" (\"ID\", \"WHEN\") VALUES (1, 'infinity')");
        }
        source.commit();
        TableRead read = TableRead.all("SRC", columns("SRC"), 100);
        try (FastPath.Load writer = fast.openLoad(target, "DST", columns("DST")).orElseThrow();
             RowFeed feed = writer.feed(source, read, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) {
            Object[] values = new Object[10];
            assertThat(feed.next(values, new boolean[10])).isTrue();
            assertThatThrownBy(() -> feed.write(new Object[10])).isInstanceOf(SQLException.class)
                    .hasMessage("timestamp 'infinity' has no value in the engine");
        }
        target.rollback();
        source.rollback();
        assertThat(dialect.countRows(target, "DST")).isZero();
    }

    @Test
    void onlyFieldsOfTheSameBinaryTypeFromABinaryReaderPass() throws Exception {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE TABLE \"NARROWID\" (\"ID\" integer, \"RATE\" numeric)");
            st.execute("CREATE TABLE \"FLOATY\" (\"ID\" bigint, \"RATE\" double precision)");
        }
        target.commit();
        TableRead narrowId = TableRead.all("NARROWID", columns("NARROWID"), 10);
        try (FastPath.Load writer = fast.openLoad(target, "SRC", columns("SRC").subList(0, 2)).orElseThrow();
             RowFeed narrow = writer.feed(source, narrowId, new int[] {0, -1})) {
            // int4 into bigint is encoded again; a field that is not a plain copy never passes.
            assertThat(narrow.passThrough()).isNull();
            assertThat(narrow.next(new Object[2], null)).isFalse();
        }
        target.rollback();
        source.rollback();
        TableRead floaty = TableRead.all("FLOATY", columns("FLOATY"), 10);
        try (FastPath.Load writer = fast.openLoad(target, "SRC", columns("SRC").subList(0, 1)).orElseThrow();
             RowFeed cursor = writer.feed(source, floaty, new int[] {0})) {
            assertThat(cursor.passThrough()).isNull();
        }
        target.rollback();
        source.rollback();
    }

    @Test
    void partsOfOneLoadEachEncodeTheirOwnRangeAndHashAsTheLoadDoes() throws Exception {
        load(source, "SRC", rows(), null);
        HashList written = new HashList();
        // Column lookups run before the COPY: a connection in COPY takes no other statement.
        List<PhysicalColumn> src = columns("SRC");
        try (FastPath.Load writer = fast.openLoad(target, "DST", columns("DST")).orElseThrow()) {
            assertThat(writer.hashRowsTo(written)).isTrue();
            for (long[] range : List.of(new long[] {3, 5}, new long[] {1, 3})) {
                try (RowFeed part = writer.feedPart(source, TableRead.range("SRC", src, "ID", range, 100),
                        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) {
                    assertThat(part.passThrough()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, -1, 9);
                    boolean[] decode = new boolean[10];
                    decode[8] = true;
                    Object[] values = new Object[10];
                    while (part.next(values, decode)) {
                        Object[] row = new Object[10];
                        row[8] = values[8];
                        part.write(row);
                    }
                    part.flush();
                }
            }
            assertThat(writer.finish()).isEqualTo(4);
        }
        source.commit();
        target.commit();
        assertThat(queryStrings(AS_TEXT + "\"DST\" ORDER BY 1")).isEqualTo(queryStrings(AS_TEXT + "\"SRC\" ORDER BY 1"));
        // Read back in key ranges, the hashes are those taken while the parts wrote.
        HashList ranged = new HashList();
        List<PhysicalColumn> dst = columns("DST");
        assertThat(fast.hashStored(target, TableRead.range("DST", dst, "ID", new long[] {1, 2}, 100), ranged))
                .isEqualTo(1);
        assertThat(fast.hashStored(target, TableRead.range("DST", dst, "ID", new long[] {2, 10}, 100), ranged))
                .isEqualTo(3);
        target.commit();
        assertThat(ranged.sorted()).hasSize(4).isEqualTo(written.sorted());
    }

    @Test
    void aTableWithAColumnWithoutBinaryEncodingTakesThePlainPath() throws Exception {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE TABLE \"FLOATY\" (\"ID\" bigint, \"RATE\" double precision)");
            st.execute("INSERT INTO \"FLOATY\" VALUES (1, 0.5)");
        }
        target.commit();
        List<PhysicalColumn> floaty = columns("FLOATY");
        assertThat(fast.openLoad(target, "FLOATY", floaty)).isEmpty();
        HashList none = new HashList();
        assertThat(fast.hashStored(target, TableRead.all("FLOATY", floaty, 10), none)).isEqualTo(-1);
        assertThat(none.hashes).isEmpty();
        target.rollback();
        assertThat(dialect.fastPathTo(new H2Dialect())).isEmpty();
    }

    @Test
    void charColumnsAreNeitherHashedOnWriteNorOnRead() throws Exception {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE TABLE \"PADDED\" (\"ID\" bigint, \"CODE\" char(5))");
            st.execute("INSERT INTO \"PADDED\" VALUES (1, 'ab')");
        }
        target.commit();
        List<PhysicalColumn> padded = columns("PADDED");
        try (FastPath.Load writer = fast.openLoad(target, "PADDED", padded).orElseThrow()) {
            assertThat(writer.hashRowsTo(new HashList())).isFalse();
        }
        target.rollback();
        HashList none = new HashList();
        assertThat(fast.hashStored(target, TableRead.all("PADDED", padded, 10), none)).isEqualTo(-1);
        target.rollback();
        assertThat(none.hashes).isEmpty();
        assertThat(queryStrings("SELECT \"CODE\" FROM \"PADDED\"")).containsExactly(List.of("ab   "));
    }

    private List<List<String>> queryStrings(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        target.commit();
        return rows;
    }

    private static Object comparable(Object value) {
        return value instanceof byte[] b ? HexFormat.of().formatHex(b) : value;
    }
}

package dev.datamigration.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-database row hash of a text column hashes the text's bytes, whatever the column's collation: an ODC stage's
 * text columns carry a case- and accent-insensitive non-deterministic collation, under which PostgreSQL's own text
 * hash hashes the collation's sort key. Without that, a stage row would never hash like its (deterministically
 * collated) source row, and a text changed only in case would hash like the old one.
 */
class PgCanonSqlTest {

    private static final String DB = EmbeddedPostgres.uniqueDatabaseName("canon");
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedPostgres.shared().createDatabase(DB);
        connection = EmbeddedPostgres.shared().connect(DB);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE COLLATION ciai (provider = icu, locale = 'und-u-ks-level1', deterministic = false)");
            st.execute("CREATE TABLE plain (id int, v varchar(20))");
            st.execute("CREATE TABLE stage (id int, v varchar(20) COLLATE ciai)");
            for (String table : List.of("plain", "stage")) {
                st.execute("INSERT INTO " + table + " VALUES (1, 'abc'), (2, 'ABC'), (3, 'Ábc'), (4, NULL), (5, '')");
            }
            // the same values under three declared scales (a source and a target column may differ)
            // PostgreSQL's own bigint hash folds the high half into the low one: these pairs would hash alike
            st.execute("CREATE TABLE wide (id int, v bigint)");
            st.execute("INSERT INTO wide VALUES (1, 1), (2, 4294967296), (3, 0), (4, 4294967297), (5, -1),"
                    + " (6, 4294967295), (7, 1256262704), (8, 5551230001), (9, NULL), (10, -4294967297)");
            // two decimals moved by four places (same base-10000 digits, another weight) in one row
            st.execute("CREATE TABLE prices (id int, a numeric, b numeric)");
            st.execute("INSERT INTO prices VALUES (1, 1.5, 2.5), (2, 15000, 25000), (3, 0.00015, 0.00025)");
            // binary data, a file of a megabyte among them, and a copy of it with one byte changed
            for (String table : List.of("files", "files_copy")) {
                st.execute("CREATE TABLE " + table + " (id int, v bytea)");
                st.execute("INSERT INTO " + table + " VALUES (1, NULL), (2, ''), (3, '\\x00'), (4, '\\x0000'),"
                        + " (5, '\\x0100'), (6, (SELECT string_agg(decode(md5(g::text), 'hex'), '') FROM"
                        + " generate_series(1, 65536) g)), (7, (SELECT string_agg(decode(md5(g::text), 'hex'), '')"
                        + " FROM generate_series(1, 65536) g) || '\\x00'), (8, (SELECT overlay(string_agg(decode("
                        + "md5(g::text), 'hex'), '') placing '\\xff' from 500000) FROM generate_series(1, 65536) g))");
            }
            st.execute("CREATE TABLE scale2 (id int, v numeric(12, 2))");
            st.execute("CREATE TABLE scale8 (id int, v numeric(37, 8))");
            st.execute("CREATE TABLE unscaled (id int, v numeric)");
            for (String table : List.of("scale2", "scale8", "unscaled")) {
                st.execute("INSERT INTO " + table + " VALUES (1, 1.5), (2, 1.05), (3, 15), (4, -1.5), (5, 0),"
                        + " (6, NULL), (7, 150)");
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        EmbeddedPostgres.shared().dropDatabase(DB);
    }

    private static List<Long> hashes(String table) throws Exception {
        return hashes(table, ValueKind.TEXT);
    }

    private static List<Long> hashes(String table, ValueKind kind) throws Exception {
        String hash = PgCanonSql.plainRowHashOf(List.of("v"), List.of(kind));
        List<Long> hashes = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + hash + " FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                hashes.add(rs.getLong(1));
            }
        }
        return hashes;
    }

    @Test
    void aTextHashesItsBytesUnderANonDeterministicCollation() throws Exception {
        List<Long> stage = hashes("stage");
        assertThat(stage).isEqualTo(hashes("plain"));
        assertThat(stage).doesNotHaveDuplicates();
    }

    /** Every bigint hashes apart, beyond 32 bits too (a changed value is found by its hash). */
    @Test
    void anIntegerHashesAllItsBits() throws Exception {
        assertThat(hashes("wide", ValueKind.INTEGER)).hasSize(10).doesNotHaveDuplicates();
    }

    /**
     * A decimal hashes its value, sign included, not its declared scale: 1.5 in numeric(12, 2), numeric(37, 8) and
     * numeric hashes alike, 1.5 and -1.5 apart.
     */
    @Test
    void aDecimalHashesItsValueWhateverItsDeclaredScale() throws Exception {
        List<Long> scale2 = hashes("scale2", ValueKind.DECIMAL);
        assertThat(scale2).isEqualTo(hashes("scale8", ValueKind.DECIMAL))
                .isEqualTo(hashes("unscaled", ValueKind.DECIMAL));
        assertThat(scale2).doesNotHaveDuplicates();
    }

    /** A row whose two decimals both move by four places (same digits, another weight) hashes apart. */
    @Test
    void decimalsMovedByFourPlacesInOneRowHashApart() throws Exception {
        String hash = PgCanonSql.plainRowHashOf(List.of("a", "b"), List.of(ValueKind.DECIMAL, ValueKind.DECIMAL));
        List<Long> hashes = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + hash + " FROM prices ORDER BY id")) {
            while (rs.next()) {
                hashes.add(rs.getLong(1));
            }
        }
        assertThat(hashes).hasSize(3).doesNotHaveDuplicates();
    }

    /** Binary data hashes its bytes: equal files alike, a changed byte, an appended byte and NULL against '' apart. */
    @Test
    void binaryDataHashesItsBytes() throws Exception {
        List<Long> files = hashes("files", ValueKind.BINARY);
        assertThat(files).isEqualTo(hashes("files_copy", ValueKind.BINARY));
        assertThat(files).hasSize(8).doesNotHaveDuplicates();
    }
}

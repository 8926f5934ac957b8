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
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        EmbeddedPostgres.shared().dropDatabase(DB);
    }

    private static List<Long> hashes(String table) throws Exception {
        String hash = PgCanonSql.plainRowHashOf(List.of("v"), List.of(ValueKind.TEXT));
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
}

package dev.datamigration.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.devtools.BenchCommand;
import dev.datamigration.fixtures.o11.model.Side;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A small bench run on the shared embedded server: the output format, the remapped rows in the target, reuse of a
 * prepared source, and clear errors for bad options and databases that are not the bench's. Never asserts timings.
 */
class BenchCommandTest {

    private final EmbeddedPostgres pg = EmbeddedPostgres.shared();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String sourceDb;
    private String targetDb;

    @BeforeEach
    void setUp() {
        sourceDb = EmbeddedPostgres.uniqueDatabaseName("bench_src");
        targetDb = EmbeddedPostgres.uniqueDatabaseName("bench_tgt");
        pg.createDatabase(sourceDb);
        pg.createDatabase(targetDb);
    }

    @AfterEach
    void tearDown() {
        pg.dropDatabase(sourceDb);
        pg.dropDatabase(targetDb);
    }

    private int bench(String... extra) {
        Map<String, String> env = Map.of("DATAMIGRATION_BENCH_SOURCE_PASSWORD", pg.password(),
                "DATAMIGRATION_BENCH_TARGET_PASSWORD", pg.password());
        BenchCommand command = new BenchCommand(env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] args = {"--source-url", pg.jdbcUrl(sourceDb), "--target-url", pg.jdbcUrl(targetDb),
            "--source-user", pg.username(), "--target-user", pg.username()};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return new CommandLine(command).execute(all);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void benchCopiesVerifiesAndEndsWithMachineReadableLines() throws Exception {
        int exit = bench("--rows", "20000", "--rounds", "2", "--streams", "2", "--batch-size", "1000");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.equals("generated 20,000 rows in OSUSR_B3N_BENCHROW in "
                + l.substring(l.lastIndexOf(" in ") + 4)));
        assertThat(lines).filteredOn(l -> l.startsWith("round ")).hasSize(2).allMatch(l -> l.matches("round \\d:"
                + " \\(a\\) [0-9.]+ s, \\(b\\) [0-9.]+ s \\(load [0-9.]+ s\\), \\(c\\) [0-9.]+ s, peak heap \\d+ MB; JVM CPU"
                + " \\(a\\) [0-9.]+ s,"
                + " \\(b\\)\\+\\(c\\) [0-9.]+ s; host busy \\(a\\) \\d+%, \\(b\\)\\+\\(c\\) \\d+%"));
        assertThat(lines).anyMatch(l -> l.matches("JVM CPU: \\(a\\) [0-9.]+ s, \\(b\\)\\+\\(c\\) [0-9.]+ s; host busy:"
                + " \\(a\\) \\d+%, \\(b\\)\\+\\(c\\) \\d+%"));
        assertThat(lines).anyMatch(l -> l.startsWith("20,000 rows, ") && l.contains("median of 2 round(s)"));
        assertThat(lines).anyMatch(l -> l.startsWith("(a) raw binary COPY pipe") && l.endsWith("1.00x"));
        assertThat(lines).anyMatch(l -> l.startsWith("(b) engine copy"));
        assertThat(lines).anyMatch(l -> l.startsWith("    of which BenchRow's load"));
        assertThat(lines).anyMatch(l -> l.startsWith("(c) engine verification"));
        List<String> last = lines.subList(lines.size() - 3, lines.size());
        assertThat(last.get(0)).matches("copy-ratio: \\d+\\.\\d\\d");
        assertThat(last.get(1)).matches("copy-verify-ratio: \\d+\\.\\d\\d");
        assertThat(last.get(2)).matches("peak-heap-mb: \\d+");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        BenchModel model = new BenchModel();
        try (Connection target = pg.connect(targetDb)) {
            assertThat(query(target, "SELECT count(*), min(\"ID\"), max(\"ID\"), count(\"GROUPID\"),"
                    + " min(\"STATUSID\"), max(\"STATUSID\"), min(\"CREATEDBY\"), max(\"CREATEDBY\")"
                    + " FROM \"" + model.rowTable(Side.QA) + "\""))
                    .isEqualTo("20000|1|20000|14000|11|15|101|150");
            // Row 7: status 7 % 5 + 1 = 3 -> 13, user 7 % 50 + 1 = 8 -> 108, a negative amount (7 % 7 = 0).
            assertThat(query(target, "SELECT \"GROUPID\", \"STATUSID\", \"CREATEDBY\", \"AMOUNT\", \"EMAIL\","
                    + " \"ISACTIVE\", \"NOTES\" IS NULL, \"ATTACHMENT\" IS NULL FROM \"" + model.rowTable(Side.QA)
                    + "\" WHERE \"ID\" = 7"))
                    .isEqualTo("8|13|108|-55.43300001|user7@example.com|f|f|t");
            assertThat(query(target, "SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                    + BenchRun.RAW_TABLE + "'")).isEqualTo("0");
        }
    }

    @Test
    void syncBenchCountsExactlyAndEndsEqualToAFreshReplace() {
        int exit = bench("--rows", "30000", "--batch-size", "1000", "--sync", "--change", "3%");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = lines();
        // 3% of 30,000: 300 updates and 300 deletes every 100 ids, 300 inserts past the end.
        assertThat(lines).anyMatch(l -> l.startsWith("sync, nothing changed: ") && l.endsWith(", rangesRewritten=0,"
                + " inserted=0, updated=0, deleted=0]"));
        assertThat(lines).anyMatch(l -> l.startsWith("sync, 900 rows changed: ")
                && l.endsWith(" inserted=300, updated=300, deleted=300]"));
        List<String> last = lines.subList(lines.size() - 4, lines.size());
        assertThat(last.get(0)).startsWith("content hash after Sync ");
        assertThat(last.get(1)).isEqualTo("sync-equals-replace: true");
        assertThat(last.get(2)).matches("sync-ratio: \\d+\\.\\d{3}");
        assertThat(last.get(3)).matches("sync-ratio-unchanged: \\d+\\.\\d{3}");
    }

        @Test
    void reusesAPreparedSourceWithTheSameRowCount() {
        assertThat(bench("--rows", "500")).isZero();
        out.reset();
        assertThat(bench("--rows", "500")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines()).contains("reusing the 500 rows of OSUSR_B3N_BENCHROW");
    }

    @Test
    void refusesBadOptionsAndForeignDatabasesWithoutWriting() throws Exception {
        BenchCommand command = new BenchCommand(name -> null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(new CommandLine(command).execute("--source-url", pg.jdbcUrl(sourceDb))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bench: give both --source-url and --target-url, or neither (embedded PostgreSQL)");
        err.reset();
        assertThat(bench("--rows", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench: --rows must be at least 1, not 0");
        err.reset();
        assertThat(bench("--streams", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench: --streams must be at least 1, not 0");

        err.reset();
        assertThat(bench("--sync", "--change", "1.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench: --change must be a percentage above 0 and"
                + " at most 100, such as 1%, not 1.5");
        err.reset();
        assertThat(bench("--sync", "--change", "0%")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not 0%");

        err.reset();
        try (Connection source = pg.connect(sourceDb); Statement st = source.createStatement()) {
            st.execute("CREATE TABLE \"SOMETHING_ELSE\" (\"ID\" integer)");
        }
        assertThat(bench("--rows", "10")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench FAILED: ")
                .contains("is not empty (it has table SOMETHING_ELSE)");
        try (Connection source = pg.connect(sourceDb)) {
            assertThat(query(source, "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = current_schema()")).isEqualTo("1");
        }
    }

    private static String query(Connection connection, String sql) throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return row.toString();
        }
    }
}

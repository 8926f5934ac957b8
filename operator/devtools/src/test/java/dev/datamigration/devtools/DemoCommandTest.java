package dev.datamigration.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo} end to end, as CI sees it (no terminal): a tiny factory refreshed through the real operator, copier
 * processes, PostgreSQL and the simulator; every entity verified, the platform called in order, nothing left behind.
 */
class DemoCommandTest {

    private static final Pattern DATA_DIR = Pattern.compile("    data in (\\S+)");
    private static final Pattern PHASE_LINE = Pattern.compile("\\[\\d+:\\d\\d\\] phase (\\w+)");
    private static final Pattern SIMULATOR = Pattern.compile("LifeTime API v2 at http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    private final DemoRunner runner = new DemoRunner();
    private final ByteArrayOutputStream out = runner.out;
    private final ByteArrayOutputStream err = runner.err;

    @BeforeAll
    static void logToStandardError() {
        DemoRunner.logToStandardError();
    }

    private int demo(String... args) {
        return runner.demo(args);
    }

    private static Set<String> demoWorkDirs() throws IOException {
        return DemoRunner.demoWorkDirs();
    }

    @Test
    void refreshesQaVerifiesEveryEntityReportsThePlatformCallsAndCleansUp() throws Exception {
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--scale", "1");

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stdout:\n%s\nstderr:\n%s", output, err).isZero();
        assertThat(output).doesNotContain("\u001b[");
        List<String> lines = output.lines().toList();

        List<ExpectedEntity> expected = O11Factory.builder().scale(1).unmatchedUser(false).build()
                .expected(List.of("Catalog", "Customers", "Orders"), UnmatchedUserPolicy.FAIL).copiedEntities();
        for (ExpectedEntity entity : expected) {
            // the app's name stands on its first row only; rows follow the copy order, not the fixture's
            String rows = String.format("%,d", entity.sourceRows());
            Pattern row = Pattern.compile("^  (" + Pattern.quote(entity.app()) + ")? +" + Pattern.quote(entity.entity())
                    + " +"
                    + Pattern.quote(rows) + " +" + Pattern.quote(rows) + " +" + Pattern.quote(rows)
                    + "  yes +[0-9a-f]{12} +\\d+\\.\\ds$");
            assertThat(lines).as("summary row of %s.%s", entity.app(), entity.entity())
                    .anyMatch(line -> row.matcher(line).matches());
        }
        String total = String.format("%,d", expected.stream().mapToLong(ExpectedEntity::sourceRows).sum());
        int entities = expected.size();
        assertThat(lines).anyMatch(line -> line.matches("  Total +" + entities + " entities +" + Pattern.quote(total)
                + " +" + Pattern.quote(total) + " +" + Pattern.quote(total) + "  " + entities + "/" + entities
                + " +\\d+\\.\\ds"));

        List<String> calls = lines.stream().filter(line -> line.matches("  \\d\\.  .*")).toList();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).matches("  1\\.  PUT /environments/Production/maintenancemode +on +stop Production");
        assertThat(calls.get(1)).matches("  2\\.  PUT /environments/QA/maintenancemode +on +(x\\d+ +)?undeploy: take"
                + " QA's apps offline");
        assertThat(calls.get(2)).matches("  3\\.  PUT /environments/QA/maintenancemode +off +(x\\d+ +)?redeploy:"
                + " bring QA's apps back");
        assertThat(lines).containsSubsequence("Final phase: Succeeded", "Cleaned up: PostgreSQL stopped and its data"
                + " deleted, simulator stopped, temporary files removed.");
        List<Phase> phases = lines.stream().map(PHASE_LINE::matcher).filter(Matcher::matches)
                .map(m -> Phase.valueOf(m.group(1))).toList();
        assertThat(phases).as("phases as the line view showed them").contains(Phase.Copying)
                .endsWith(Phase.Succeeded).isSortedAccordingTo(java.util.Comparator.naturalOrder())
                .doesNotHaveDuplicates();

        Matcher data = DATA_DIR.matcher(output);
        assertThat(data.find()).as("data directory in:\n%s", output).isTrue();
        assertThat(Path.of(data.group(1))).as("PostgreSQL's data directory").doesNotExist();
        Matcher simulator = SIMULATOR.matcher(output);
        assertThat(simulator.find()).isTrue();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(simulator.group(1))), 2000);
            }
        }).as("the simulator's port is closed").isInstanceOf(ConnectException.class);
        assertThat(demoWorkDirs()).as("the demo's temp directory is gone").isEqualTo(workDirsBefore);
    }

    @Test
    void cutoverChangesProductionDuringTheBulkCopyAndShowsTheDowntimeNextToIt() throws Exception {
        int exit = demo("--scale", "1", "--cutover");

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stdout:\n%s\nstderr:\n%s", output, err).isZero();
        List<String> lines = output.lines().toList();
        List<String> calls = lines.stream().filter(line -> line.matches("  \\d\\.  .*")).toList();
        // the source is stopped after the bulk copy, between the undeploys and the redeploys
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).matches("  1\\.  PUT /environments/QA/maintenancemode +on +(x\\d+ +)?undeploy: take"
                + " QA's apps offline");
        assertThat(calls.get(1)).matches("  2\\.  PUT /environments/Production/maintenancemode +on +stop Production");
        assertThat(calls.get(2)).matches("  3\\.  PUT /environments/QA/maintenancemode +off +(x\\d+ +)?redeploy:"
                + " bring QA's apps back");
        int cutover = lines.indexOf("Cutover (source.downtime: StopAfterCopy)");
        assertThat(cutover).as("cutover section in:\n%s", output).isPositive();
        Matcher changed = Pattern.compile("  changed in Production during the bulk copy: ([\\d,]+) rows \\(updates in"
                + " \\d+ tables, each after its app's bulk Job began copying\\)").matcher(lines.get(cutover + 1));
        assertThat(changed.matches()).as(lines.get(cutover + 1)).isTrue();
        assertThat(lines.get(cutover + 2)).matches("  bulk copy, Production running: +(\\d+m)?\\d+s"
                + "( \\(\\d+\\.\\ds measured by the demo\\))?");
        Matcher down = Pattern.compile("  Production down \\(stop to end of catch-up\\): (\\d+m)?\\d+s"
                + "( \\(\\d+\\.\\ds measured by the demo\\))?, catch-up changed ([\\d,]+) rows")
                .matcher(lines.get(cutover + 3));
        assertThat(down.matches()).as(lines.get(cutover + 3)).isTrue();
        // what was changed after each app's snapshot is exactly what the catch-up rewrote
        assertThat(down.group(3)).isEqualTo(changed.group(1));
        assertThat(lines).contains("Final phase: Succeeded");
    }

    @Test
    void keepLeavesTheDatabasesRunningWithTheCopyInQaAndPrintsHowToStopThem() throws Exception {
        int exit = demo("--scale", "1", "--keep");

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stdout:\n%s\nstderr:\n%s", output, err).isZero();
        Matcher qaUrl = Pattern.compile("  QA          (jdbc:postgresql://127\\.0\\.0\\.1:\\d+/\\S+)").matcher(output);
        Matcher password = Pattern.compile("  user postgres, password in (\\S+)").matcher(output);
        Matcher stop = Pattern.compile("  stop it:    (.+)").matcher(output);
        assertThat(qaUrl.find() && password.find() && stop.find()).as(output).isTrue();
        assertThat(output).contains("Cleaned up: simulator stopped, temporary files removed; PostgreSQL kept running"
                + " (--keep).");
        Path instance = Path.of(password.group(1)).getParent();
        List<ExpectedEntity> expected = O11Factory.builder().scale(1).unmatchedUser(false).build()
                .expected(List.of("Catalog", "Customers", "Orders"), UnmatchedUserPolicy.FAIL).copiedEntities();
        try (Connection qa = DriverManager.getConnection(qaUrl.group(1), "postgres",
                Files.readString(Path.of(password.group(1)), StandardCharsets.UTF_8).strip())) {
            for (ExpectedEntity entity : expected) {
                assertThat(Rows.count(qa, entity.targetTable())).as(entity.entity()).isEqualTo(entity.sourceRows());
            }
        } finally {
            Process stopping = new ProcessBuilder("bash", "-c", stop.group(1)).redirectErrorStream(true).start();
            String stopOutput = new String(stopping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stopping.waitFor()).as(stopOutput).isZero();
        }
        assertThat(instance).as("the printed command stops the server and deletes its data").doesNotExist();
    }

    @Test
    void aMigrationThatFailsExits1WithItsReasonAndStillCleansUp() throws Exception {
        Files.copy(Path.of("../../examples/demo/simulator-state.yaml"), dir.resolve("simulator-state.yaml"));
        String migration = Files.readString(Path.of("../../examples/demo/migration.yaml"), StandardCharsets.UTF_8)
                .replace("apps: [Catalog, Customers, Orders]", "apps: [Catalog, Billing]");
        Files.writeString(dir.resolve("migration.yaml"), migration, StandardCharsets.UTF_8);
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--scale", "1", "--manifests", dir.toString());

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("stdout:\n%s\nstderr:\n%s", output, err).isEqualTo(1);
        assertThat(output.lines()).anyMatch(line -> line.startsWith("Final phase: Failed - ")
                && line.contains("app Billing is unknown in source environment Production"));
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("local API server");
        assertThat(output).contains("Cleaned up: PostgreSQL stopped and its data deleted, simulator stopped,"
                + " temporary files removed.");
        Matcher data = DATA_DIR.matcher(output);
        assertThat(data.find()).isTrue();
        assertThat(Path.of(data.group(1))).doesNotExist();
        assertThat(demoWorkDirs()).isEqualTo(workDirsBefore);
    }

    @Test
    void aScaleBelowOneIsRefusedBeforeAnythingStarts() throws Exception {
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--scale", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--scale must be 1 or more, was 0");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(demoWorkDirs()).isEqualTo(workDirsBefore);
    }

    @Test
    void manifestsWithAPlaceholderTheDemoCannotFillAreRefusedBeforeAnythingStarts() throws Exception {
        Files.copy(Path.of("../../examples/demo/simulator-state.yaml"), dir.resolve("simulator-state.yaml"));
        String migration = Files.readString(Path.of("../../examples/demo/migration.yaml"), StandardCharsets.UTF_8)
                .replace("${DB_PORT}", "${PG_PORT}");
        Files.writeString(dir.resolve("migration.yaml"), migration, StandardCharsets.UTF_8);
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--scale", "1", "--manifests", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("demo: " + dir + "/migration.yaml has placeholders"
                + " the demo cannot fill in: ${PG_PORT} (it fills in ${DB_PASSWORD}, ${DB_PORT}, ${DB_USERNAME},"
                + " ${LIFETIME_TOKEN}, ${PLATFORM_URL}, ${SOURCE_DATABASE}, ${TARGET_DATABASE})"
                + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(demoWorkDirs()).isEqualTo(workDirsBefore);
    }

    /** picocli formats descriptions: a bare percent sign made it print the text raw, with a warning per option. */
    @Test
    void theUsageHelpRendersEveryDescription() {
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String usage;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            usage = new CommandLine(new DemoCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(usage).contains("about 1% of the rows").doesNotContain("%n");
    }

    @Test
    void theCommandIsRegistered() {
        assertThat(new CommandLine(new DevToolsMain()).getSubcommands()).containsKey("demo");
    }
}

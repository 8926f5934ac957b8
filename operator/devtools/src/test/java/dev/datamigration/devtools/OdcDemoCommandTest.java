package dev.datamigration.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.odc.OdcExpected;
import dev.datamigration.fixtures.odc.OdcStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --odc} end to end, as CI sees it (no terminal): a tiny O11 factory copied into an ODC-laid-out stage
 * through the real operator, copier processes, PostgreSQL and the simulator's LifeTime and ODC APIs; every entity
 * verified with the stage holding exactly the source's rows, half the end users matched by e-mail and the rest
 * created, the apps undeployed and redeployed at their revisions, nothing left behind.
 */
class OdcDemoCommandTest {

    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");
    private static final Pattern DATA_DIR = Pattern.compile("    data in (\\S+)");

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
    void copiesTheAppsIntoTheOdcStageMatchesAndCreatesEndUsersAndCleansUp() throws Exception {
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--odc", "--scale", "1");

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stdout:\n%s\nstderr:\n%s", output, err).isZero();
        assertThat(output).doesNotContain("\u001b[");
        List<String> lines = output.lines().toList();

        OdcStage stage = new OdcStage(O11Factory.builder().scale(1).unmatchedUser(false).build().model(), APPS);
        OdcExpected expected = new OdcExpected(stage);
        long total = 0;
        int entities = 0;
        for (Map.Entry<EntitySpec, String> table : stage.tables().entrySet()) {
            if (table.getKey().isStatic()) {
                continue;
            }
            String app = stage.app(table.getKey()).orElseThrow();
            long sourceRows = expected.rows(table.getValue()).size();
            total += sourceRows;
            entities++;
            String rows = String.format("%,d", sourceRows);
            Pattern row = Pattern.compile("^  (" + Pattern.quote(app) + ")? +" + Pattern.quote(table.getKey().name())
                    + " +" + Pattern.quote(rows) + " +" + Pattern.quote(rows) + " +" + Pattern.quote(rows)
                    + "  yes +[0-9a-f]{12} +\\d+\\.\\ds$");
            assertThat(lines).as("summary row of %s.%s", app, table.getKey().name())
                    .anyMatch(line -> row.matcher(line).matches());
        }
        assertThat(entities).isEqualTo(14);
        assertThat(total).isEqualTo(427);
        int count = entities;
        String totalRows = String.format("%,d", total);
        assertThat(lines).anyMatch(line -> line.matches("  Total +" + count + " entities +" + Pattern.quote(totalRows)
                + " +" + Pattern.quote(totalRows) + " +" + Pattern.quote(totalRows) + "  " + count + "/" + count
                + " +\\d+\\.\\ds"));

        List<String> calls = lines.stream().filter(line -> line.matches(" +\\d+\\.  .*"))
                .map(line -> line.strip().replaceAll(" {2,}", " | ")).toList();
        assertThat(calls).containsExactly(
                "1. | PUT /environments/Production/maintenancemode | on | stop Production",
                "2. | POST /api/deployments/v1/deployment-operations | Undeploy Catalog | undeploy Catalog",
                "3. | POST /api/deployments/v1/deployment-operations | Undeploy Customers | undeploy Customers",
                "4. | POST /api/deployments/v1/deployment-operations | Undeploy Orders | undeploy Orders",
                "5. | POST /api/identity/v1/users/bulk | 2 users | create end users",
                "6. | POST /api/deployments/v1/deployment-operations | Deploy Catalog | redeploy Catalog revision 3",
                "7. | POST /api/deployments/v1/deployment-operations | Deploy Customers | redeploy Customers revision 2",
                "8. | POST /api/deployments/v1/deployment-operations | Deploy Orders | redeploy Orders revision 4");

        // the app rows of the ODC section: O11 app, ODC app, migrated entities, rows now in the stage
        assertThat(lines).containsSubsequence("ODC apps in stage Test",
                "  Catalog    Catalog                    5             67",
                "  Customers  Customers                  3             90",
                "  Orders     Orders                     6            270");
        assertThat(stage.odcUsers()).hasSize(4);
        assertThat(lines).contains("End users (users.match Email, unmatched Create): 2 matched by e-mail, 2 created"
                + " through the Identity API, 0 set to NULL; 4 users in ODC now");
        assertThat(lines).containsSubsequence("Final phase: Succeeded", "Cleaned up: PostgreSQL stopped and its data"
                + " deleted, simulator stopped, temporary files removed.");

        Matcher data = DATA_DIR.matcher(output);
        assertThat(data.find()).as("data directory in:\n%s", output).isTrue();
        assertThat(Path.of(data.group(1))).as("PostgreSQL's data directory").doesNotExist();
        assertThat(demoWorkDirs()).as("the demo's temp directory is gone").isEqualTo(workDirsBefore);
    }

    @Test
    void manifestsAreRefusedWithOdcBeforeAnythingStarts() throws Exception {
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--odc", "--manifests", "/tmp");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--manifests is for the O11 demo; --odc builds"
                + " its manifests from the stage it lays out");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(demoWorkDirs()).isEqualTo(workDirsBefore);
    }

    @Test
    void cutoverIsRefusedWithOdcBeforeAnythingStarts() throws Exception {
        Set<String> workDirsBefore = demoWorkDirs();

        int exit = demo("--odc", "--cutover");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--cutover runs with the O11 demo only; run it"
                + " without --odc");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(demoWorkDirs()).isEqualTo(workDirsBefore);
    }
}

package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.odc.OdcStageDatabases;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan and copy Jobs of an ODC target: the mapping comes from the mounted ConfigMap directory; a missing or broken
 * mapping is refused before any connection; a good one plans the fixture's stage without errors.
 */
class OdcJobsTest {

    private static final EmbeddedPostgres PG = EmbeddedPostgres.shared();
    private static OdcStageDatabases databases;
    private static O11Factory factory;
    private static OdcStage stage;
    private static String production;
    private static String stageDb;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void create() throws Exception {
        databases = new OdcStageDatabases("odcjob", true);
        factory = databases.factory();
        stage = databases.stage();
        production = databases.production();
        stageDb = databases.stageDb();
    }

    @AfterAll
    static void drop() {
        databases.close();
    }

    @Test
    void aMissingMappingIsRefusedBeforeAnyConnection() throws Exception {
        JobTask task = task(TaskKind.Plan, "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        Path mappingDir = Files.createDirectories(dir.resolve("mapping"));
        task.setOdcMappingDir(mappingDir.toString());
        Path progressFile = dir.resolve("progress.json");
        assertThat(plan(task, progressFile)).isEqualTo(Contracts.EXIT_PERMANENT);
        String message = "no " + mappingDir.resolve("mapping.yaml") + ": the ConfigMap of"
                + " spec.target.mapping.configMap does not exist or has no key mapping.yaml. Nothing was read or"
                + " written";
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("plan failed: " + message + "\n");
        Progress progress = TaskFiles.JSON.readValue(progressFile.toFile(), Progress.class);
        assertThat(progress.getState()).isEqualTo(JobState.Failed);
        assertThat(progress.getMessage()).isEqualTo(message);
    }

    @Test
    void aBrokenMappingListsEveryProblemBeforeAnyConnection() throws Exception {
        JobTask task = task(TaskKind.Copy, "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        task.setApp("Catalog");
        Path mappingDir = Files.createDirectories(dir.resolve("mapping"));
        Files.writeString(mappingDir.resolve("mapping.yaml"), "apps:\n  - app: Catalog\n    entities:\n"
                + "      - entity: Product\n        table: produ_x\n        extra: 1\n");
        task.setOdcMappingDir(mappingDir.toString());
        int code = new CopyJob(Optional::empty, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(() -> task, null, null);
        assertThat(code).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("copy failed: mapping.yaml: 2 problems:"
                + " apps[0].entities[0].extra: unknown key (allowed: columns, entity, table);"
                + " apps[0].entities[0].entity: Product is not Module.Entity. Nothing was read or written\n");
    }

    @Test
    void theFixtureStagePlansWithoutErrorsAndACopyWithoutUserKeysWritesNothing() throws Exception {
        JobTask task = task(TaskKind.Plan, PG.jdbcUrl(stageDb));
        Path mappingDir = Files.createDirectories(dir.resolve("mapping"));
        Files.writeString(mappingDir.resolve("mapping.yaml"), stage.mappingYaml());
        task.setOdcMappingDir(mappingDir.toString());
        assertThat(plan(task, dir.resolve("progress.json"))).isEqualTo(Contracts.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("plan OK");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Customers.LoyaltyAccount is multi-tenant in O11; ODC"
                + " has no tenants: its rows (all in the default tenant, as the plan checks) are copied without their"
                + " tenant");

        JobTask copy = task(TaskKind.Copy, PG.jdbcUrl(stageDb));
        copy.setApp("Catalog");
        copy.setOdcMappingDir(mappingDir.toString());
        String products = stage.table(factory.model().product);
        int code = new CopyJob(Optional::empty, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(() -> copy, null, null);
        assertThat(code).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\ncopy failed: Catalog references O11 users, but"
                + " no ODC user keys were given: the users must be matched to ODC users before the copy\n");
        try (Connection s = PG.connect(stageDb)) {
            assertThat(Rows.count(s, products)).isZero();
        }
    }

    private int plan(JobTask task, Path progressFile) {
        return new PlanJob(Optional::empty, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(() -> task, progressFile, null);
    }

    private JobTask task(TaskKind kind, String targetUrl) throws Exception {
        JobTask task = new JobTask();
        task.setKind(kind);
        task.setApps(factory.apps());
        task.setSource(endpoint(PG.jdbcUrl(production), "source"));
        task.setTarget(endpoint(targetUrl, "target"));
        task.getTarget().setPlatform(Platform.ODC);
        return task;
    }

    private DatabaseEndpoint endpoint(String url, String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("username"), PG.username());
        Files.writeString(d.resolve("password"), PG.password());
        DatabaseEndpoint e = new DatabaseEndpoint();
        e.setUrl(url);
        e.setCredentialsDir(d.toString());
        return e;
    }
}

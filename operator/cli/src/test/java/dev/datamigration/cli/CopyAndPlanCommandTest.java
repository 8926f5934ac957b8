package dev.datamigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.MaskingStrategy;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.job.ConfigMapCheckpointStore;
import dev.datamigration.job.TaskFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The plan and copy commands end to end: task file, credentials directories, exit codes, progress file and the
 * progress ConfigMap (kubernetes-server-mock in CRUD mode), against the fixture's O11 factories.
 */
@EnableKubernetesMockClient(crud = true)
class CopyAndPlanCommandTest {

    private static final String PASSWORD_SENTINEL_FILE = "password";

    static KubernetesClient client;

    private static O11Factory factory;
    private static FactoryDatabases dbs;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void createFactory() throws Exception {
        factory = O11Factory.builder().largeBinaryBytes(1024 * 1024 + 1).build();
        dbs = factory.createDatabases(EmbeddedPostgres.shared(), "clitest");
    }

    @AfterAll
    static void dropFactory() {
        if (dbs != null) {
            dbs.drop();
        }
    }

    private Path credentials(String name, String password) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("username"), EmbeddedPostgres.shared().username() + "\n");
        Files.writeString(d.resolve(PASSWORD_SENTINEL_FILE), password + "\n");
        return d;
    }

    private JobTask task(TaskKind kind, String app) throws Exception {
        JobTask t = new JobTask();
        t.setKind(kind);
        t.setMigration("prod-to-qa");
        t.setNamespace("refresh");
        t.setApp(app);
        t.setApps(factory.apps());
        DatabaseEndpoint source = new DatabaseEndpoint();
        source.setUrl(dbs.productionUrl());
        source.setCredentialsDir(credentials("source", EmbeddedPostgres.shared().password()).toString());
        DatabaseEndpoint target = new DatabaseEndpoint();
        target.setUrl(dbs.qaUrl());
        target.setCredentialsDir(credentials("target", EmbeddedPostgres.shared().password()).toString());
        t.setSource(source);
        t.setTarget(target);
        UsersSpec users = new UsersSpec();
        users.setUnmatched(UnmatchedUsers.SetNull);
        t.setUsers(users);
        t.setBatchSize(7);
        return t;
    }

    private Path write(JobTask task) throws Exception {
        Path file = dir.resolve("task.json");
        Files.writeString(file, TaskFiles.toJson(task));
        return file;
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    private PrintStream stream(ByteArrayOutputStream s) {
        return new PrintStream(s, true, StandardCharsets.UTF_8);
    }

    @Test
    void planPrintsASummaryAndWritesPlanJsonToFileAndConfigMap() throws Exception {
        JobTask task = task(TaskKind.Plan, null);
        task.setProgressConfigMap("prod-to-qa-plan-progress");
        Path planFile = dir.resolve("out/plan.json");
        int code = run(new PlanCommand(() -> Optional.of(client), stream(out), stream(err)), "--task",
                write(task).toString(), "--plan-file", planFile.toString());
        assertThat(code).as(err.toString()).isEqualTo(Contracts.EXIT_OK);
        PlanReport report = TaskFiles.JSON.readValue(planFile.toFile(), PlanReport.class);
        assertThat(report.getErrors()).isEmpty();
        assertThat(report.getApps()).extracting(PlannedApp::getName)
                .containsExactlyInAnyOrderElementsOf(factory.apps());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wave 0", "plan OK");
        ConfigMap cm = client.configMaps().inNamespace("refresh").withName("prod-to-qa-plan-progress").get();
        assertThat(cm.getMetadata().getLabels()).containsEntry(Contracts.MANAGED_BY_LABEL, Contracts.MANAGED_BY)
                .containsEntry(Contracts.MIGRATION_LABEL, "prod-to-qa");
        assertThat(TaskFiles.JSON.readValue(cm.getData().get(Contracts.PLAN_KEY), PlanReport.class).getApps())
                .hasSize(factory.apps().size());
        assertThat(TaskFiles.JSON.readValue(cm.getData().get(Contracts.PROGRESS_KEY), Progress.class).getState())
                .isEqualTo(JobState.Succeeded);
    }

    @Test
    void copyOfTheFirstWaveAppSucceedsWithProgressAndCheckpointInTheConfigMap() throws Exception {
        ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
        String app = factory.apps().get(0);
        JobTask task = task(TaskKind.Copy, app);
        // Two streams (entities of at least 2 x 2 x 7 rows read in two key ranges on extra source connections), and
        // up to three entities at once (each on a source and a target connection of its own).
        task.setStreams(2);
        task.setConcurrentEntities(3);
        String job = "prod-to-qa-" + app.toLowerCase();
        task.setProgressConfigMap(job + "-progress");
        client.configMaps().inNamespace("refresh").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(job + "-task").withNamespace("refresh").addNewOwnerReference().withApiVersion(
                        "datamigration.dev/v1alpha1").withKind("DataMigration").withName("prod-to-qa")
                .withUid("uid-1").withController(true).endOwnerReference().endMetadata().build()).create();
        Path progressFile = dir.resolve("progress.json");
        int code = run(new CopyCommand(() -> Optional.of(client), stream(out), stream(err)), "--task",
                write(task).toString(), "--progress-file", progressFile.toString());
        assertThat(code).as(err.toString()).isEqualTo(Contracts.EXIT_OK);
        List<ExpectedEntity> entities = expected.copiedEntities().stream().filter(e -> e.app().equals(app)).toList();
        Progress progress = TaskFiles.JSON.readValue(progressFile.toFile(), Progress.class);
        assertThat(progress.getState()).isEqualTo(JobState.Succeeded);
        assertThat(progress.getApp()).isEqualTo(app);
        assertThat(progress.getEntities()).extracting(e -> e.getName() + " " + e.getState() + " " + e.getCopiedRows())
                .containsExactlyInAnyOrderElementsOf(entities.stream()
                        .map(e -> e.entity() + " " + EntityState.Verified + " " + e.sourceRows()).toList());
        try (Connection qa = dbs.connectQa()) {
            for (ExpectedEntity e : entities) {
                assertThat(Rows.read(qa, e.targetTable())).as(e.targetTable()).isEqualTo(expected.rows(e.targetTable()));
            }
        }
        ConfigMap cm = client.configMaps().inNamespace("refresh").withName(task.getProgressConfigMap()).get();
        assertThat(cm.getMetadata().getOwnerReferences()).extracting(o -> o.getKind() + "/" + o.getUid())
                .containsExactly("DataMigration/uid-1");
        assertThat(TaskFiles.JSON.readValue(cm.getData().get(Contracts.PROGRESS_KEY), Progress.class).getState())
                .isEqualTo(JobState.Succeeded);
        assertThat(cm.getData().get(ConfigMapCheckpointStore.KEY)).contains("app=" + app, "wipe=done", "VERIFIED");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("copied " + app + ": " + entities.size()
                + " entities");
        // Run again: every entity is verified in the checkpoint, nothing is reloaded, the result is the same.
        out.reset();
        assertThat(run(new CopyCommand(() -> Optional.of(client), stream(out), stream(err)), "--task",
                write(task).toString())).isEqualTo(Contracts.EXIT_OK);
        try (Connection qa = dbs.connectQa()) {
            for (ExpectedEntity e : entities) {
                assertThat(Rows.read(qa, e.targetTable())).as(e.targetTable()).isEqualTo(expected.rows(e.targetTable()));
            }
        }
    }

    /**
     * A QA trigger refusing one row (RAISE EXCEPTION, SQLSTATE P0001) would refuse it on every retry: the copy exits
     * 2, which the Job's podFailurePolicy turns into an immediate failure, and the refused entity's rolled-back load
     * counts no rows in progress.json.
     */
    @Test
    void aTargetTriggerRefusingARowExitsPermanentAndTheRolledBackEntityCountsNoRows() throws Exception {
        ExpectedOutcome expected = factory.expected(factory.apps(), UnmatchedUserPolicy.SET_NULL);
        String app = factory.apps().get(0);
        List<ExpectedEntity> entities = expected.copiedEntities().stream().filter(e -> e.app().equals(app)).toList();
        ExpectedEntity refused = entities.stream().max(Comparator.comparingLong(ExpectedEntity::sourceRows))
                .orElseThrow();
        long last = refused.sourceRows();
        try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
            st.execute("CREATE SEQUENCE qa_inserted");
            st.execute("CREATE FUNCTION qa_refuse() RETURNS trigger AS $$ BEGIN IF nextval('qa_inserted') = " + last
                    + " THEN RAISE EXCEPTION 'row % refused by a QA trigger', " + last + "; END IF; RETURN NEW; END"
                    + " $$ LANGUAGE plpgsql");
            st.execute("CREATE TRIGGER qa_refuse BEFORE INSERT ON \"" + refused.targetTable() + "\" FOR EACH ROW"
                    + " EXECUTE FUNCTION qa_refuse()");
        }
        try {
            Path progressFile = dir.resolve("progress.json");
            int code = run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--task",
                    write(task(TaskKind.Copy, app)).toString(), "--progress-file", progressFile.toString());
            assertThat(code).as(err.toString()).isEqualTo(Contracts.EXIT_PERMANENT);
            // (after the plan's warnings) the server's message, with the trigger and the COPY line
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("\ncopy failed: ERROR: row " + last
                    + " refused by a QA trigger\n  Where: PL/pgSQL function qa_refuse() line 1 at RAISE\nCOPY "
                    + refused.targetTable() + ", line " + last + "\n");
            Progress progress = TaskFiles.JSON.readValue(progressFile.toFile(), Progress.class);
            assertThat(progress.getState()).isEqualTo(JobState.Failed);
            // The refused entity's load rolled back: 0 rows. The others count the rows their loads committed
            // (verified, or copied and waiting for the refused entity), or nothing when they never started.
            for (EntityProgress e : progress.getEntities()) {
                long source = entities.stream().filter(x -> x.entity().equals(e.getName())).findFirst()
                        .orElseThrow().sourceRows();
                String expectedState = e.getName().equals(refused.entity()) ? "Failed 0"
                        : e.getState() == EntityState.Pending ? "Pending null" : e.getState() + " " + source;
                assertThat(e.getState() + " " + e.getCopiedRows()).as(e.getName()).isEqualTo(expectedState);
            }
            assertThat(progress.getEntities()).filteredOn(e -> e.getState() == EntityState.Failed)
                    .extracting(EntityProgress::getName).containsExactly(refused.entity());
            assertThat(progress.getEntities()).extracting(EntityProgress::getState)
                    .doesNotContain(EntityState.Copying);
            try (Connection qa = dbs.connectQa()) {
                assertThat(Rows.count(qa, refused.targetTable())).isZero();
            }
        } finally {
            try (Connection qa = dbs.connectQa(); Statement st = qa.createStatement()) {
                st.execute("DROP TRIGGER qa_refuse ON \"" + refused.targetTable() + "\"");
                st.execute("DROP FUNCTION qa_refuse()");
                st.execute("DROP SEQUENCE qa_inserted");
            }
        }
    }

    @Test
    void unreadableCredentialsExitPermanentNamingThePathAndNeverThePassword() throws Exception {
        JobTask task = task(TaskKind.Copy, factory.apps().get(0));
        Path missing = dir.resolve("nowhere");
        task.getTarget().setCredentialsDir(missing.toString());
        Path progressFile = dir.resolve("progress.json");
        int code = run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString(),
                "--progress-file", progressFile.toString());
        assertThat(code).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("copy failed: cannot read the target database"
                + " credentials file " + missing.resolve("username") + " (NoSuchFileException)\n");
        Progress progress = TaskFiles.JSON.readValue(progressFile.toFile(), Progress.class);
        assertThat(progress.getState()).isEqualTo(JobState.Failed);
        assertThat(Files.readString(progressFile) + out + err).doesNotContain(EmbeddedPostgres.shared().password());
    }

    @Test
    void wrongPasswordIsPermanentAndUnreachableDatabaseIsTransient() throws Exception {
        JobTask task = task(TaskKind.Plan, null);
        task.getSource().setCredentialsDir(credentials("wrong", "not-the-password").toString());
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("not-the-password");

        JobTask unreachable = task(TaskKind.Plan, null);
        unreachable.getSource().setUrl("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        err.reset();
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task",
                write(unreachable).toString())).isEqualTo(Contracts.EXIT_TRANSIENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("plan failed: ");
    }

    @Test
    void unknownAppAndMissingInputsArePermanent() throws Exception {
        JobTask task = task(TaskKind.Plan, null);
        task.setApps(List.of("NoSuchApp"));
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown application NoSuchApp: no active"
                + " application of that name in the source", "plan FAILED: 1 error(s)");

        err.reset();
        assertThat(run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--source-url", dbs.productionUrl()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("copy failed: missing target URL (task target.url or --target-url)\n");

        err.reset();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\": \"Copy\", \"aps\": []}");
        assertThat(run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--task", bad.toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("copy failed: cannot read task " + bad
                + ": Unrecognized field \"aps\"");
    }

    @Test
    void streamsOutOfRangeArePermanentAndNamed() throws Exception {
        JobTask task = task(TaskKind.Copy, factory.apps().get(0));
        task.setStreams(9);
        assertThat(run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("copy failed: streams must be between 1 and 8,"
                + " not 9\n");
    }

    @Test
    void concurrentEntitiesOutOfRangeArePermanentAndNamed() throws Exception {
        JobTask task = task(TaskKind.Copy, factory.apps().get(0));
        task.setConcurrentEntities(0);
        assertThat(run(new CopyCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("copy failed: concurrentEntities must be between 1"
                + " and 8, not 0\n");
    }

    @Test
    void anOdcTargetWithoutItsMappingIsRefusedBeforeAnyConnection() throws Exception {
        JobTask task = task(TaskKind.Plan, null);
        task.getTarget().setPlatform(Platform.ODC);
        task.getTarget().setUrl("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("plan failed: an ODC target needs its mapping"
                + " (spec.target.mapping.configMap), but the task names no mapping directory. Nothing was read or"
                + " written\n");
    }

    @Test
    void planListsTheMaskedAttributesAndAShortMaskingKeyIsPermanentWithoutPrintingIt() throws Exception {
        JobTask task = task(TaskKind.Plan, null);
        MaskingRule rule = new MaskingRule();
        rule.setApp("Customers");
        rule.setEntity("Customer");
        rule.setAttribute("Email");
        rule.setStrategy(MaskingStrategy.Email);
        task.setMasking(List.of(rule));
        Path keyDir = Files.createDirectories(dir.resolve("masking"));
        Files.writeString(keyDir.resolve("key"), "a masking key of 32 bytes, as is\n");
        task.setMaskingKeyDir(keyDir.toString());
        Path planFile = dir.resolve("plan.json");
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString(),
                "--plan-file", planFile.toString())).isEqualTo(Contracts.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  masked in flight: Customer.Email (Email)\n");
        PlanReport report = new ObjectMapper().readValue(planFile.toFile(), PlanReport.class);
        assertThat(report.getApps()).filteredOn(a -> a.getName().equals("Customers")).singleElement()
                .satisfies(a -> assertThat(a.getMaskedAttributes()).containsExactly("Customer.Email (Email)"));

        Files.writeString(keyDir.resolve("key"), "tooshort\n");
        err.reset();
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("plan failed: the masking key has 8 bytes; at"
                + " least 16 are needed (e.g. openssl rand -base64 32) (file " + keyDir.resolve("key") + ")\n")
                .doesNotContain("tooshort");

        task.setMaskingKeyDir(dir.resolve("no-such-dir").toString());
        err.reset();
        assertThat(run(new PlanCommand(Optional::empty, stream(out), stream(err)), "--task", write(task).toString()))
                .isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("plan failed: cannot read the masking key file "
                + dir.resolve("no-such-dir").resolve("key") + " (NoSuchFileException)\n");
    }

    @Test
    void mainListsPlanAndCopy() {
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKeys("plan", "copy");
    }
}

package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the copy Job decides beyond the commands' tests (CopyAndPlanCommandTest in the cli module): where the
 * checkpoint goes when both a checkpoint file and a progress ConfigMap are there, and a task that cannot be read.
 */
@EnableKubernetesMockClient(crud = true)
class CopyJobTest {

    static KubernetesClient client;

    private static O11Factory factory;
    private static FactoryDatabases dbs;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void createFactory() throws Exception {
        factory = O11Factory.builder().build();
        dbs = factory.createDatabases(EmbeddedPostgres.shared(), "copyjobtest");
    }

    @AfterAll
    static void dropFactory() {
        if (dbs != null) {
            dbs.drop();
        }
    }

    private CopyJob job(Optional<KubernetesClient> kubernetes) {
        return new CopyJob(() -> kubernetes, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JobTask task(String app) throws Exception {
        JobTask t = new JobTask();
        t.setKind(TaskKind.Copy);
        t.setMigration("prod-to-qa");
        t.setNamespace("refresh");
        t.setApp(app);
        t.setApps(factory.apps());
        t.setSource(endpoint(dbs.productionUrl(), "source"));
        t.setTarget(endpoint(dbs.qaUrl(), "target"));
        UsersSpec users = new UsersSpec();
        users.setUnmatched(UnmatchedUsers.SetNull);
        t.setUsers(users);
        return t;
    }

    private DatabaseEndpoint endpoint(String url, String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("username"), EmbeddedPostgres.shared().username());
        Files.writeString(d.resolve("password"), EmbeddedPostgres.shared().password());
        DatabaseEndpoint e = new DatabaseEndpoint();
        e.setUrl(url);
        e.setCredentialsDir(d.toString());
        return e;
    }

    @Test
    void aCheckpointFileTakesPrecedenceOverTheProgressConfigMap() throws Exception {
        String app = factory.apps().get(0);
        JobTask task = task(app);
        task.setProgressConfigMap("prod-to-qa-first-progress");
        Path checkpoint = dir.resolve("state/checkpoint.properties");

        assertThat(job(Optional.of(client)).run(() -> task, null, checkpoint)).as(err.toString())
                .isEqualTo(Contracts.EXIT_OK);

        assertThat(Files.readString(checkpoint)).contains("app=" + app, "wipe=done", "VERIFIED");
        ConfigMap cm = client.configMaps().inNamespace("refresh").withName("prod-to-qa-first-progress").get();
        assertThat(cm.getData()).containsOnlyKeys(Contracts.PROGRESS_KEY);
        assertThat(TaskFiles.JSON.readValue(cm.getData().get(Contracts.PROGRESS_KEY), Progress.class).getState())
                .isEqualTo(JobState.Succeeded);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("copied " + app + ": ");
    }

    /**
     * A catch-up Job started before the source environment stops: connected, it reports that it waits and copies
     * nothing until the operator adds the release key to its task ConfigMap; then it runs as any copy Job.
     */
    @Test
    void aJobThatAwaitsItsReleaseCopiesNothingBeforeTheOperatorReleasesIt() throws Exception {
        String app = factory.apps().get(1);
        HeldJob held = startHeldJob(app, "held");

        Thread.sleep(1_500);
        assertThat(held.run()).isNotDone();
        Progress waiting = TaskFiles.JSON.readValue(client.configMaps().inNamespace("refresh")
                .withName("prod-to-qa-held-progress").get().getData().get(Contracts.PROGRESS_KEY), Progress.class);
        assertThat(waiting.getState()).isEqualTo(JobState.Waiting);
        assertThat(waiting.getEntities()).isEmpty();
        assertThat(waiting.getMessage()).isEqualTo("checked and connected; waiting for the operator's release (it"
                + " stops the source environment first)");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("checked and connected; waiting for the"
                + " operator's release (it stops the source environment first)\n");

        assertThat(held.release("2026-12-03T11:40:00Z")).as(err.toString()).isEqualTo(Contracts.EXIT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("released at 2026-12-03T11:40:00Z\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("copied " + app + ": ");
    }

    /**
     * What the copy would refuse is found before the Job waits, with the source still running: here a Production
     * user without a QA match under users.unmatched Fail. The Job fails at once, never waits, and copies nothing.
     */
    @Test
    void aJobThatAwaitsItsReleaseFailsBeforeWaitingOnWhatTheCopyWouldRefuse() throws Exception {
        // ghost.user exists only in Production; Orders references it (Order 2's CreatedBy)
        JobTask task = task("Orders");
        task.getUsers().setUnmatched(UnmatchedUsers.Fail);
        long rowsBefore = qaRows();

        HeldJob held = startHeldJob(task, "refused");
        try {
            assertThat(held.run().get(1, TimeUnit.MINUTES)).as(err.toString()).isEqualTo(Contracts.EXIT_PERMANENT);
        } finally {
            // a Job that waited after all ends at once without its task ConfigMap
            held.taskConfigMap().delete();
        }

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(log).startsWith("copy failed: users referenced by Orders have no target user with the same"
                + " username and tenant: ").contains("ghost.user").endsWith(" (create them in the target, or set"
                + " users.unmatched: SetNull)\n").doesNotContain("waiting");
        Progress failed = TaskFiles.JSON.readValue(client.configMaps().inNamespace("refresh")
                .withName("prod-to-qa-refused-progress").get().getData().get(Contracts.PROGRESS_KEY), Progress.class);
        assertThat(failed.getState()).isEqualTo(JobState.Failed);
        assertThat(failed.getMessage()).isEqualTo(log.substring("copy failed: ".length()).strip());
        assertThat(qaRows()).isEqualTo(rowsBefore);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * The platform may take long to stop the source environment: a connection that the server ended while the Job
     * waited (idle_session_timeout, a failover, a firewall) is opened again after the release, not failed on.
     */
    @Test
    void aJobWhoseConnectionsEndedWhileItWaitedConnectsAgainAfterItsRelease() throws Exception {
        String app = factory.apps().get(2);
        HeldJob held = startHeldJob(app, "idle");
        awaitState("prod-to-qa-idle-progress", JobState.Waiting);

        assertThat(terminateJobConnections()).isEqualTo(2);

        assertThat(held.release("2026-12-03T13:50:00Z")).as(err.toString()).isEqualTo(Contracts.EXIT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("released at 2026-12-03T13:50:00Z\n"
                + "the source connection ended while the Job waited; connected again\n"
                + "the target connection ended while the Job waited; connected again\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("copied " + app + ": ");
    }

    /** A running Job of {@code app} that awaits its release: progress in {@code prod-to-qa-<name>-progress}. */
    private record HeldJob(CompletableFuture<Integer> run, Resource<ConfigMap> taskConfigMap) {

        /** Adds the release key, as the operator does, and returns the Job's exit code. */
        int release(String at) throws Exception {
            taskConfigMap.edit(cm -> {
                cm.getData().put(Contracts.RELEASE_KEY, at);
                return cm;
            });
            return run.get(2, TimeUnit.MINUTES);
        }
    }

    private HeldJob startHeldJob(String app, String name) throws Exception {
        return startHeldJob(task(app), name);
    }

    private HeldJob startHeldJob(JobTask task, String name) {
        task.setProgressConfigMap("prod-to-qa-" + name + "-progress");
        task.setAwaitRelease(true);
        String taskName = "prod-to-qa-" + name + "-task";
        Resource<ConfigMap> taskConfigMap = client.configMaps().inNamespace("refresh").withName(taskName);
        taskConfigMap.create(new ConfigMapBuilder().withNewMetadata().withName(taskName).withNamespace("refresh")
                .endMetadata().addToData(Contracts.TASK_KEY, "{}").build());
        return new HeldJob(CompletableFuture.supplyAsync(() -> job(Optional.of(client)).run(() -> task, null, null)),
                taskConfigMap);
    }

    private void awaitState(String progressConfigMap, JobState state) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            ConfigMap cm = client.configMaps().inNamespace("refresh").withName(progressConfigMap).get();
            if (cm != null && cm.getData() != null && cm.getData().containsKey(Contracts.PROGRESS_KEY)
                    && TaskFiles.JSON.readValue(cm.getData().get(Contracts.PROGRESS_KEY), Progress.class).getState()
                    == state) {
                return;
            }
            assertThat(System.nanoTime()).as("progress " + state + " in " + progressConfigMap).isLessThan(giveUp);
            Thread.sleep(50);
        }
    }

    /** Rows in every table of QA (exact counts). */
    private static long qaRows() throws Exception {
        try (var c = dbs.connectQa(); var st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(sum("
                + "(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema,"
                + " table_name), false, true, '')))[1]::text::bigint), 0) FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ends the Job's sessions in both factory databases, as a server does with idle ones; returns how many. */
    private static int terminateJobConnections() throws Exception {
        try (var c = dbs.connectProduction();
                var ps = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM"
                        + " pg_stat_activity WHERE application_name = 'datamigration' AND datname IN (?, ?)")) {
            ps.setString(1, dbs.production());
            ps.setString(2, dbs.qa());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Without its release within the limit, or once its task ConfigMap is gone, the Job fails and says why. */
    @Test
    void aJobNeverReleasedGivesUpWithAClearMessage() throws Exception {
        client.configMaps().inNamespace("refresh").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("prod-to-qa-late-task").withNamespace("refresh").endMetadata()
                .addToData(Contracts.TASK_KEY, "{}").build()).create();
        ReleaseWait wait = new ReleaseWait(client, "refresh", "prod-to-qa-late-task", java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(50));
        org.assertj.core.api.Assertions.assertThatThrownBy(wait::await).isInstanceOf(TaskException.class)
                .hasMessage("not released by the operator within 1 second (the source environment is stopped"
                        + " first): giving up");
        assertThat(ReleaseWait.describe(ReleaseWait.LIMIT)).isEqualTo("6 hours");
        assertThat(ReleaseWait.describe(java.time.Duration.ofMinutes(90))).isEqualTo("90 minutes");
        ReleaseWait gone = new ReleaseWait(client, "refresh", "prod-to-qa-gone-task", java.time.Clock.systemUTC(),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMillis(50));
        org.assertj.core.api.Assertions.assertThatThrownBy(gone::await).isInstanceOf(TaskException.class)
                .hasMessage("the task ConfigMap prod-to-qa-gone-task is gone: the run that created this Job ended");

        JobTask task = task(factory.apps().get(0));
        task.setAwaitRelease(true);
        assertThat(job(Optional.empty()).run(() -> task, null, null)).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("copy failed: the task awaits its release by the"
                + " operator (awaitRelease), but this Job has no Kubernetes API or progress ConfigMap to receive"
                + " it\n");
    }

    @Test
    void aTaskThatCannotBeReadIsPermanentAndWritesNoProgress() {
        Path progressFile = dir.resolve("progress.json");
        int code = job(Optional.of(client)).run(() -> {
            throw new TaskException("cannot read task task.json: Unrecognized field \"aps\"");
        }, progressFile, null);
        assertThat(code).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("copy failed: cannot read task task.json: Unrecognized field \"aps\"\n");
        assertThat(progressFile).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}

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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

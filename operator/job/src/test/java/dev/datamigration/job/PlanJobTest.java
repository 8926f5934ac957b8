package dev.datamigration.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.task.TaskKind;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plan Job records beyond the commands' tests (CopyAndPlanCommandTest in the cli module): a plan with errors
 * still writes plan.json, and its progress.json fails with the errors, which the operator shows.
 */
class PlanJobTest {

    private static O11Factory factory;
    private static FactoryDatabases dbs;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void createFactory() throws Exception {
        factory = O11Factory.builder().build();
        dbs = factory.createDatabases(EmbeddedPostgres.shared(), "planjobtest");
    }

    @AfterAll
    static void dropFactory() {
        if (dbs != null) {
            dbs.drop();
        }
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
    void aPlanWithErrorsWritesPlanJsonAndFailsItsProgressWithTheErrors() throws Exception {
        JobTask task = new JobTask();
        task.setKind(TaskKind.Plan);
        task.setApps(List.of(factory.apps().get(0), "NoSuchApp"));
        task.setSource(endpoint(dbs.productionUrl(), "source"));
        task.setTarget(endpoint(dbs.qaUrl(), "target"));
        Path progressFile = dir.resolve("progress.json");
        Path planFile = dir.resolve("plan.json");

        int code = new PlanJob(Optional::empty, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(() -> task, progressFile, planFile);

        String error = "unknown application NoSuchApp: no active application of that name in the source";
        assertThat(code).isEqualTo(Contracts.EXIT_PERMANENT);
        assertThat(TaskFiles.JSON.readValue(planFile.toFile(), PlanReport.class).getErrors()).containsExactly(error);
        Progress progress = TaskFiles.JSON.readValue(progressFile.toFile(), Progress.class);
        assertThat(progress.getState()).isEqualTo(JobState.Failed);
        assertThat(progress.getMessage()).isEqualTo("plan has 1 error(s): " + error);
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("errors:\n  - " + error
                + "\nplan FAILED: 1 error(s)\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("plan failed");
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator is stopped while a copy Job runs and a new operator instance starts on the same API server: it
 * picks the run up from what the API server holds, reruns nothing and repeats no platform call.
 */
class OperatorRestartTest {

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_restart");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("Operator restarted mid-copy: the finished Job is not rerun, the next app starts, no platform call repeats")
    void restartDuringCopying() throws Exception {
        AtomicReference<E2eCluster.InsertHold> hold = new AtomicReference<>();
        // Hold the first copy in the middle of Catalog, so the operator is certainly stopped while it runs.
        e2e.beforePodStarts("restart-catalog-0", () -> hold.set(e2e.holdInsertsInto(
                e2e.lastPlannedEntity("restart", "Catalog").getTargetTable())));
        var migration = e2e.migration("restart", "Catalog", "Customers");
        // One Job at a time: Customers starts only after Catalog, so the new operator must start it.
        migration.getSpec().setParallelism(1);
        e2e.create(migration);
        e2e.awaitProgress("restart-catalog", "an entity being copied",
                progress -> progress.getEntities().stream().anyMatch(e -> e.getState() == EntityState.Copying));
        String catalogUid = e2e.job("restart-catalog").getMetadata().getUid();

        e2e.cluster().stopOperator();
        hold.get().close();
        Job finished = awaitJobComplete("restart-catalog");
        assertThat(finished.getStatus().getSucceeded()).isEqualTo(1);
        // Nobody watched the Job finish: the migration still shows what the old operator last wrote.
        assertThat(e2e.get("restart").getStatus().getPhase()).isEqualTo(Phase.Copying);
        assertThat(e2e.jobNames()).containsExactly("restart-catalog", "restart-plan");

        e2e.cluster().startOperator();
        DataMigrationStatus status = e2e.awaitPhase("restart", Phase.Succeeded).getStatus();

        ExpectedOutcome expected = e2e.factory().expected(List.of("Catalog", "Customers"), UnmatchedUserPolicy.FAIL);
        e2e.assertQaHolds(expected);
        assertThat(e2e.job("restart-catalog").getMetadata().getUid()).isEqualTo(catalogUid);
        assertThat(e2e.jobNames()).containsExactly("restart-catalog", "restart-customers", "restart-plan");
        assertThat(e2e.attempts("restart-plan")).isEqualTo(1);
        assertThat(e2e.attempts("restart-catalog")).isEqualTo(1);
        assertThat(e2e.attempts("restart-customers")).isEqualTo(1);
        assertThat(e2e.sideEffects()).containsExactly("Production maintenance on",
                "QA maintenance on", "QA maintenance on", "QA maintenance off", "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase)
                .containsExactly(tuple("Catalog", AppPhase.Succeeded), tuple("Customers", AppPhase.Succeeded));
        int entities = expected.copiedEntities().size();
        assertThat(status.getProgress()).isEqualTo(entities + "/" + entities);
    }

    private Job awaitJobComplete(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(E2eCluster.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Job job = e2e.job(name);
            if (job.getStatus() != null && job.getStatus().getConditions() != null
                    && job.getStatus().getConditions().stream().anyMatch(c -> "Complete".equals(c.getType()))) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + name + " did not complete" + e2e.copierLogs());
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copier pod killed in the middle of an entity: the Job's retry resumes from the checkpoint and verifies. */
class PodKillTest {

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_kill");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("Pod killed mid-entity: the retry skips verified entities, redoes the rest, rows equal the oracle")
    void retryResumesAfterAKill() throws Exception {
        AtomicReference<E2eCluster.InsertHold> hold = new AtomicReference<>();
        AtomicReference<String> held = new AtomicReference<>();
        // The first pod's inserts into the last entity's table wait, so it is caught inside that entity.
        e2e.beforePodStarts("kill-catalog-0", () -> {
            PlannedEntity last = e2e.lastPlannedEntity("kill", "Catalog");
            held.set(last.getName());
            hold.set(e2e.holdInsertsInto(last.getTargetTable()));
        });
        e2e.create(e2e.migration("kill", "Catalog"));

        Progress caught = e2e.awaitProgress("kill-catalog", "the locked entity in progress after a verified one",
                progress -> progress.getEntities().stream().anyMatch(e -> e.getState() == EntityState.Verified)
                        && progress.getEntities().stream().anyMatch(e -> e.getState() == EntityState.Copying
                        && e.getName().equals(held.get())));
        List<String> verifiedBeforeKill = caught.getEntities().stream()
                .filter(e -> e.getState() == EntityState.Verified).map(EntityProgress::getName).toList();
        Map<String, String> versionsBeforeKill = new LinkedHashMap<>();
        for (String entity : verifiedBeforeKill) {
            String table = e2e.plannedTargetTable("kill", entity);
            versionsBeforeKill.put(table, e2e.qaRowVersions(table));
        }

        assertThat(e2e.cluster().jobs().kill(E2eCluster.NAMESPACE, "kill-catalog")).isTrue();
        hold.get().close();

        DataMigrationStatus status = e2e.awaitPhase("kill", Phase.Succeeded).getStatus();
        ExpectedOutcome expected = e2e.factory().expected(List.of("Catalog"), UnmatchedUserPolicy.FAIL);
        e2e.assertQaHolds(expected);
        e2e.assertProductionUnchanged(expected);

        Job job = e2e.job("kill-catalog");
        assertThat(job.getStatus().getFailed()).isEqualTo(1);
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(job.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("Complete=True");
        assertThat(e2e.attempts("kill-catalog")).isEqualTo(2);
        // Entities verified before the kill were skipped by the retry: their QA rows are the same row versions.
        for (var entry : versionsBeforeKill.entrySet()) {
            assertThat(e2e.qaRowVersions(entry.getKey())).as("row versions of %s", entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        assertThat(verifiedBeforeKill).doesNotContain(held.get());
        assertThat(status.getApps()).singleElement().satisfies(app -> {
            assertThat(app.getPhase()).isEqualTo(AppPhase.Succeeded);
            assertThat(app.getMigratedEntities())
                    .containsExactlyInAnyOrderElementsOf(expected.plannedEntities("Catalog"));
        });
        assertThat(e2e.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
    }
}

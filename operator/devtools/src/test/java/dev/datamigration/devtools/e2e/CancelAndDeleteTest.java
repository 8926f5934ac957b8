package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a run while its copier works: spec.cancel and deleting the DataMigration. */
class CancelAndDeleteTest {

    @TempDir
    Path dir;
    E2eCluster e2e;
    final AtomicReference<E2eCluster.InsertHold> hold = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_cancel");
    }

    @AfterEach
    void stop() throws Exception {
        if (hold.get() != null) {
            hold.get().close();
        }
        e2e.close();
    }

    /** Starts a Catalog refresh whose copier is caught inside Catalog's last entity. */
    private void startCopyAndCatchIt(String name) throws Exception {
        e2e.beforePodStarts(name + "-catalog-0", () -> hold.set(e2e.holdInsertsInto(
                e2e.lastPlannedEntity(name, "Catalog").getTargetTable())));
        e2e.create(e2e.migration(name, "Catalog"));
        e2e.awaitProgress(name + "-catalog", "an entity being copied",
                progress -> progress.getEntities().stream().anyMatch(e -> e.getState() == EntityState.Copying));
    }

    @Test
    @DisplayName("spec.cancel mid-copy: the copy Job is deleted, QA redeployed, phase Cancelled")
    void cancelMidCopy() throws Exception {
        startCopyAndCatchIt("cancel-me");

        e2e.cancel("cancel-me");
        DataMigrationStatus status = e2e.awaitPhase("cancel-me", Phase.Cancelled).getStatus();

        assertThat(e2e.job("cancel-me-catalog")).isNull();
        assertThat(e2e.jobNames()).containsExactly("cancel-me-plan");
        assertThat(status.getMessage()).isEqualTo("Cancelled by spec.cancel");
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase)
                .containsExactly(tuple("Catalog", AppPhase.Cancelled));
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "False", "Cancelled"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Cancelled", "True", "Cancelled"));
        assertThat(e2e.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(e2e.eventReasons("cancel-me")).contains("Cancelled", "AppRedeployed");
    }

    @Test
    @DisplayName("Delete mid-copy: the copy Job is deleted, QA redeployed, then the finalizer goes and the object with it")
    void deleteMidCopy() throws Exception {
        startCopyAndCatchIt("delete-me");
        assertThat(e2e.get("delete-me").getMetadata().getFinalizers()).containsExactly("datamigration.dev/finalizer");

        e2e.client().resource(e2e.get("delete-me")).delete();
        Instant deadline = Instant.now().plus(E2eCluster.PATIENCE);
        while (e2e.get("delete-me") != null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }

        assertThat(e2e.get("delete-me")).isNull();
        assertThat(e2e.job("delete-me-catalog")).isNull();
        assertThat(e2e.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(e2e.eventReasons("delete-me")).contains("Deleted", "AppRedeployed");
    }
}

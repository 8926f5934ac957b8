package dev.datamigration.controller.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.task.EntityProgress;
import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.task.JobState;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.RowCounts;
import dev.datamigration.api.v1alpha1.SyncStats;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppProgressTest {

    private static EntityProgress entity(String name, EntityState state, Long rows, String message) {
        EntityProgress entity = new EntityProgress();
        entity.setName(name);
        entity.setState(state);
        entity.setCopiedRows(rows);
        entity.setMessage(message);
        return entity;
    }

    private static AppStatus pendingOrders() {
        PlannedApp planned = new PlannedApp();
        planned.setName("Orders");
        planned.setWave(1);
        PlannedEntity a = new PlannedEntity();
        a.setName("Order");
        PlannedEntity b = new PlannedEntity();
        b.setName("OrderLine");
        PlannedEntity c = new PlannedEntity();
        c.setName("OrderNote");
        planned.setEntities(List.of(a, b, c));
        return AppProgress.pending(planned, "dm-orders");
    }

    private static Progress progress(JobState state, EntityProgress... entities) {
        Progress progress = new Progress();
        progress.setState(state);
        progress.setEntities(List.of(entities));
        return progress;
    }

    private static final JobOutcome RUNNING = new JobOutcome(JobOutcome.State.Running, null);

    @Test
    @DisplayName("Running: counts verified entities, sums the committed rows only, keeps the plan's total")
    void running() {
        Progress progress = new Progress();
        progress.setState(JobState.Running);
        progress.setEntities(List.of(entity("Order", EntityState.Verified, 1000L, null),
                entity("OrderLine", EntityState.Copying, 2500L, null)));
        AppStatus app = AppProgress.observe(pendingOrders(), new JobOutcome(JobOutcome.State.Running, null), progress);
        assertThat(app.getPhase()).isEqualTo(AppPhase.Running);
        assertThat(app.getEntities().getTotal()).isEqualTo(3);
        assertThat(app.getEntities().getMigrated()).isEqualTo(1);
        assertThat(app.getEntities().getFailed()).isZero();
        // OrderLine's 2,500 rows are in its open transaction: they count once it commits
        assertThat(app.getRows()).isEqualTo(1000L);
        assertThat(app.getMigratedEntities()).containsExactly("Order");
        assertThat(app.getWave()).isEqualTo(1);
        assertThat(app.getJob()).isEqualTo("dm-orders");
    }

    @Test
    @DisplayName("Failed: the message names the failing entity and its cause; without progress the Job's reason")
    void failed() {
        Progress progress = new Progress();
        progress.setState(JobState.Failed);
        progress.setEntities(List.of(entity("Order", EntityState.Verified, 1000L, null),
                entity("OrderLine", EntityState.Failed, 10L, "content hash differs: source 9f.. target 3a..")));
        AppStatus app = AppProgress.observe(pendingOrders(), new JobOutcome(JobOutcome.State.Failed, "x"), progress);
        assertThat(app.getPhase()).isEqualTo(AppPhase.Failed);
        assertThat(app.getMessage()).isEqualTo("entity OrderLine: content hash differs: source 9f.. target 3a..");
        assertThat(app.getEntities().getFailed()).isEqualTo(1);
        // a failed verification: OrderLine's load committed its 10 rows
        assertThat(app.getRows()).isEqualTo(1010L);

        var job = new JobBuilder().withNewMetadata().withName("dm-orders").endMetadata().withNewStatus()
                .addNewCondition().withType("Failed").withStatus("True").withReason("DeadlineExceeded")
                .withMessage("Job was active longer than specified deadline").endCondition().endStatus().build();
        JobOutcome outcome = JobOutcome.of(job);
        assertThat(outcome.state()).isEqualTo(JobOutcome.State.Failed);
        AppStatus noProgress = AppProgress.observe(pendingOrders(), outcome, null);
        assertThat(noProgress.getMessage())
                .isEqualTo("Job dm-orders failed (DeadlineExceeded): Job was active longer than specified deadline");
        assertThat(noProgress.getEntities().getTotal()).isEqualTo(3);
    }

    @Test
    @DisplayName("A load that fails after partial progress counts 0: its transaction rolled back")
    void failedLoadCountsNothing() {
        AppStatus copying = AppProgress.observe(pendingOrders(), RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Verified, 300_000L, null),
                entity("OrderLine", EntityState.Copied, 5L, null),
                entity("OrderNote", EntityState.Copying, 250_000L, null)));
        assertThat(copying.getRows()).isEqualTo(300_005L);
        AppStatus failed = AppProgress.observe(copying, new JobOutcome(JobOutcome.State.Failed, "x"),
                progress(JobState.Failed,
                        entity("Order", EntityState.Verified, 300_000L, null),
                        entity("OrderLine", EntityState.Verified, 5L, null),
                        entity("OrderNote", EntityState.Failed, 0L, "ERROR: refused by a QA trigger")));
        assertThat(failed.getPhase()).isEqualTo(AppPhase.Failed);
        assertThat(failed.getRows()).isEqualTo(300_005L);
        assertThat(failed.getEntities().getMigrated()).isEqualTo(2);
        assertThat(failed.getEntities().getFailed()).isEqualTo(1);
        assertThat(failed.getMessage()).isEqualTo("entity OrderNote: ERROR: refused by a QA trigger");
    }

    @Test
    @DisplayName("A retried pod's fresh document does not take back the rows earlier attempts committed")
    void resumedJob() {
        AppStatus first = AppProgress.observe(pendingOrders(), RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Verified, 1000L, null),
                entity("OrderLine", EntityState.Copied, 300L, null),
                entity("OrderNote", EntityState.Copying, 70L, null)));
        assertThat(first.getRows()).isEqualTo(1300L);
        // the pod was evicted; the next one starts its document with every entity Pending
        AppStatus restarted = AppProgress.observe(first, RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Pending, null, null),
                entity("OrderLine", EntityState.Pending, null, null),
                entity("OrderNote", EntityState.Pending, null, null)));
        assertThat(restarted.getRows()).isEqualTo(1300L);
        // it reports what its checkpoint holds, then reloads OrderNote from the start
        AppStatus reloading = AppProgress.observe(restarted, RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Verified, 1000L, null),
                entity("OrderLine", EntityState.Copied, 300L, null),
                entity("OrderNote", EntityState.Copying, 14L, null)));
        assertThat(reloading.getRows()).isEqualTo(1300L);
        AppStatus done = AppProgress.observe(reloading, new JobOutcome(JobOutcome.State.Succeeded, null),
                progress(JobState.Succeeded,
                        entity("Order", EntityState.Verified, 1000L, null),
                        entity("OrderLine", EntityState.Verified, 300L, null),
                        entity("OrderNote", EntityState.Verified, 90L, null)));
        assertThat(done.getRows()).isEqualTo(1390L);
        assertThat(done.getEntities().getMigrated()).isEqualTo(3);
    }

    @Test
    @DisplayName("Totals over apps count committed rows only: a failed app's rolled-back entity adds nothing")
    void totalsAfterAFailedCopy() {
        DataMigrationStatus status = new DataMigrationStatus();
        AppStatus failed = AppProgress.observe(pendingOrders(), new JobOutcome(JobOutcome.State.Failed, "x"),
                progress(JobState.Failed,
                        entity("Order", EntityState.Verified, 5L, null),
                        entity("OrderLine", EntityState.Failed, 0L, "ERROR: refused by a QA trigger"),
                        entity("OrderNote", EntityState.Pending, 0L, null)));
        AppStatus other = AppProgress.observe(pendingOrders(), new JobOutcome(JobOutcome.State.Succeeded, null),
                progress(JobState.Succeeded,
                        entity("Order", EntityState.Verified, 4L, null),
                        entity("OrderLine", EntityState.Verified, 3L, null),
                        entity("OrderNote", EntityState.Verified, 0L, null)));
        status.setApps(List.of(failed, other));
        Totals.apply(status);
        assertThat(status.getRows().getCopied()).isEqualTo(12L);
        assertThat(status.getProgress()).isEqualTo("4/6");
        assertThat(status.getEntities().getFailed()).isEqualTo(1);
    }

    @Test
    @DisplayName("Job outcome: Complete condition = Succeeded, no condition = Running")
    void outcomes() {
        assertThat(JobOutcome.of(new JobBuilder().withNewMetadata().withName("j").endMetadata().build()).state())
                .isEqualTo(JobOutcome.State.Running);
        assertThat(JobOutcome.of(new JobBuilder().withNewMetadata().withName("j").endMetadata().withNewStatus()
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build())
                .state()).isEqualTo(JobOutcome.State.Succeeded);
    }

    @Test
    @DisplayName("Totals sum the apps and render the printer column; the plan's row estimate is kept")
    void totals() {
        DataMigrationStatus status = new DataMigrationStatus();
        AppStatus orders = pendingOrders();
        orders.getEntities().setMigrated(2);
        orders.setRows(1500L);
        AppStatus customers = pendingOrders();
        customers.setName("Customers");
        customers.getEntities().setMigrated(1);
        customers.getEntities().setFailed(1);
        customers.setRows(20L);
        status.setApps(List.of(orders, customers));
        RowCounts rows = new RowCounts();
        rows.setEstimated(9000L);
        status.setRows(rows);
        Totals.apply(status);
        assertThat(status.getProgress()).isEqualTo("3/6");
        assertThat(status.getEntities().getTotal()).isEqualTo(6);
        assertThat(status.getEntities().getFailed()).isEqualTo(1);
        assertThat(status.getRows().getCopied()).isEqualTo(1520L);
        assertThat(status.getRows().getEstimated()).isEqualTo(9000L);
    }

    @Test
    @DisplayName("A progress document that does not parse is ignored, never fatal")
    void unreadableProgress() {
        var configMap = new ConfigMapBuilder().withNewMetadata().withName("p").withNamespace("n").endMetadata()
                .addToData("progress.json", "{\"state\": \"Runn").build();
        assertThat(ProgressReader.progress(configMap)).isEmpty();
        assertThat(ProgressReader.plan(configMap)).isEmpty();
    }

    @Test
    @DisplayName("Sync: the app sums its entities' Sync counts, and the sums never go backwards on a retried pod")
    void syncCounts() {
        EntityProgress order = entity("Order", EntityState.Verified, 10L, null);
        order.setSync(new SyncStats(33, 2, 1, 2, 0));
        EntityProgress line = entity("OrderLine", EntityState.Copied, 40L, null);
        line.setSync(new SyncStats(49, 3, 1, 4, 4));
        EntityProgress note = entity("OrderNote", EntityState.Copying, 0L, null);
        AppStatus running = AppProgress.observe(pendingOrders(), RUNNING, progress(JobState.Running, order, line,
                note));
        assertThat(running.getSync()).isEqualTo(new SyncStats(82, 5, 2, 6, 4));

        // A retried pod: Order and OrderLine come from its checkpoint without counts; OrderNote syncs again.
        EntityProgress again = entity("OrderNote", EntityState.Copied, 5L, null);
        again.setSync(new SyncStats(1, 1, 0, 9, 0));
        AppStatus retried = AppProgress.observe(running, RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Verified, 10L, null), entity("OrderLine", EntityState.Verified, 40L, null),
                again));
        assertThat(retried.getSync()).isEqualTo(new SyncStats(82, 5, 2, 9, 4));

        AppStatus replace = AppProgress.observe(pendingOrders(), RUNNING, progress(JobState.Running,
                entity("Order", EntityState.Verified, 10L, null)));
        assertThat(replace.getSync()).isNull();
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.task.EntityState;
import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SyncStats;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-pass cutover (source.downtime StopAfterCopy): Production keeps running during the bulk copy and changes rows
 * while it runs; then the operator stops Production and the catch-up Jobs (existingData Sync) bring QA to exactly the
 * stopped Production.
 */
class CutoverTest {

    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");
    private static final String NAME = "cutover";

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_cutover");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("Rows changed during the bulk copy: stop after it, catch up with Sync, QA equals the stopped source")
    void catchUpBringsQaToTheStoppedSource() throws Exception {
        ExpectedOutcome expected = e2e.factory().expected(APPS, UnmatchedUserPolicy.FAIL);
        ExpectedEntity promotion = expected.copiedEntities().stream()
                .filter(e -> e.entity().equals("Promotion")).findFirst().orElseThrow();
        // Promotion has no remapped attribute: QA holds the Production rows as they are
        assertThat(expected.rows(promotion.targetTable()))
                .isEqualTo(expected.productionRows(promotion.sourceTable()));

        // The bulk load of Promotion waits inside its QA table: its read of Production has begun, so the changes
        // below are made while the bulk copy runs and are not in what it copies.
        AtomicReference<E2eCluster.InsertHold> hold = new AtomicReference<>();
        e2e.beforePodStarts(NAME + "-catalog-0", () -> hold.set(e2e.holdInsertsInto(promotion.targetTable())));
        // The bulk Jobs when the first catch-up pod started (before the stop: it waits for its release).
        String catchUpJob = ResourceNames.catchUpJob(NAME, "Catalog");
        List<String> jobsAtCatchUp = new CopyOnWriteArrayList<>();
        e2e.beforePodStarts(catchUpJob + "-0", () -> {
            for (String app : APPS) {
                String bulk = NAME + "-" + app.toLowerCase();
                jobsAtCatchUp.add(bulk + " succeeded=" + e2e.job(bulk).getStatus().getSucceeded());
            }
        });

        DataMigration migration = e2e.migration(NAME, APPS.toArray(String[]::new));
        migration.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        e2e.create(migration);

        e2e.awaitProgress(NAME + "-catalog", "Promotion loading", progress -> progress.getEntities().stream()
                .anyMatch(e -> e.getName().equals("Promotion") && e.getState() == EntityState.Copying));
        List<String> seenDuringBulk = e2e.sideEffects();
        assertThat(e2e.simulator().maintenanceMode("Production")).isFalse();
        try (Connection production = e2e.databases().connectProduction();
                Statement statement = production.createStatement()) {
            String table = "\"" + promotion.sourceTable() + "\"";
            statement.executeUpdate("UPDATE " + table + " SET \"TITLE\" = 'Spring sale ' || \"ID\" WHERE \"ID\" <= 3");
            statement.executeUpdate("INSERT INTO " + table + " (\"ID\", \"TITLE\", \"PERCENTAGE\", \"VALIDUNTIL\")"
                    + " OVERRIDING SYSTEM VALUE VALUES (1000, 'Flash sale', 12.50, DATE '2026-12-24')");
            statement.executeUpdate("DELETE FROM " + table + " WHERE \"ID\" = 5");
        }
        hold.get().close();

        DataMigrationStatus status = e2e.awaitPhase(NAME, Phase.Succeeded).getStatus();

        // QA equals the stopped Production: the changed table row for row, every other table as the oracle says
        try (Connection production = e2e.databases().connectProduction();
                Connection qa = e2e.databases().connectQa()) {
            List<Map<String, Object>> stopped = Rows.read(production, promotion.sourceTable());
            assertThat(stopped).isNotEqualTo(expected.productionRows(promotion.sourceTable()));
            assertThat(stopped).extracting(row -> row.get("ID"), row -> row.get("TITLE")).containsExactly(
                    tuple(1L, "Spring sale 1"), tuple(2L, "Spring sale 2"), tuple(3L, "Spring sale 3"),
                    tuple(4L, "Promotion 4"), tuple(1000L, "Flash sale"));
            assertThat(Rows.read(qa, promotion.targetTable())).isEqualTo(stopped);
            for (String table : expected.tables()) {
                if (!table.equals(promotion.targetTable())) {
                    assertThat(Rows.read(qa, table)).as("QA table %s", table).isEqualTo(expected.rows(table));
                }
            }
        }

        // the platform: no stop during the bulk copy; the stop after every bulk Job, before the catch-up; redeploys
        assertThat(seenDuringBulk).doesNotContain("Production maintenance on");
        assertThat(jobsAtCatchUp).containsExactly(NAME + "-catalog succeeded=1", NAME + "-customers succeeded=1",
                NAME + "-orders succeeded=1");
        assertThat(e2e.sideEffects()).containsExactly(
                "QA maintenance on", "QA maintenance on", "QA maintenance on",
                "Production maintenance on",
                "QA maintenance off", "QA maintenance off", "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("Production")).isTrue();
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(
                        tuple(PlatformAction.Undeploy, "Catalog", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Customers", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Orders", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.StopEnvironment, "Production", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Catalog", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Customers", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Orders", PlatformOperationState.Succeeded));

        // status: the source's downtime, the catch-up's own counts, the catch-up Jobs
        e2e.assertCutoverTimes(status, NAME, APPS);
        assertThat(e2e.podLog(catchUpJob)).as("the catch-up pod's log").containsSubsequence("checked and connected;"
                + " waiting for the operator's release (it stops the source environment first)\n", "released at ",
                "copied Catalog: ");
        // Catalog's catch-up rewrote exactly the changed Promotion rows; Customers has nothing to do with them. Orders
        // references Promotion (Delete Rule Ignore): the Sync may rewrite orders whose promotion was deleted (they end
        // as the oracle says, checked above), so only its inserts and deletes are pinned here.
        List<SyncStats> sync = status.getApps().stream().map(AppStatus::getSync).toList();
        assertThat(sync).extracting(SyncStats::getRowsInserted, SyncStats::getRowsUpdated, SyncStats::getRowsDeleted)
                .as("catch-up counts %s", sync).startsWith(tuple(1L, 3L, 1L), tuple(0L, 0L, 0L));
        assertThat(sync.get(2).getRowsInserted()).isZero();
        assertThat(sync.get(2).getRowsDeleted()).isZero();
        long catchUpRows = sync.stream().mapToLong(s -> s.getRowsInserted() + s.getRowsUpdated()
                + s.getRowsDeleted()).sum();
        assertThat(status.getSource().getCatchUpRows()).isEqualTo(catchUpRows);
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getJob)
                .containsExactly(
                        tuple("Catalog", AppPhase.Succeeded, catchUpJob),
                        tuple("Customers", AppPhase.Succeeded, ResourceNames.catchUpJob(NAME, "Customers")),
                        tuple("Orders", AppPhase.Succeeded, ResourceNames.catchUpJob(NAME, "Orders")));
        List<ExpectedEntity> entities = expected.copiedEntities();
        long rows = entities.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        assertThat(status.getRows().getCopied()).isEqualTo(rows);
        assertThat(status.getMessage()).isEqualTo("Copied 3 apps: " + entities.size() + " entities, " + rows
                + " rows; catch-up after stopping the source: " + catchUpRows + " rows changed");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "True", "Copied"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Complete", "True", "Succeeded"));
        List<String> jobs = new ArrayList<>(List.of(NAME + "-catalog", NAME + "-customers", NAME + "-orders",
                NAME + "-plan"));
        for (String app : APPS) {
            jobs.add(ResourceNames.catchUpJob(NAME, app));
        }
        assertThat(e2e.jobNames()).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(e2e.eventReasons(NAME)).contains("CopyJobCreated", "CatchUpJobCreated", "StoppingSource",
                "SourceStopped", "CatchUpJobReleased", "Copied", "Succeeded");
    }
}

package dev.datamigration.devtools.e2e;

import static dev.datamigration.devtools.e2e.OdcE2eSupport.DEPLOYMENTS;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.MAPPING;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.assertUndeployedThenRedeployedTheSameBuilds;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.nextId;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.stage;
import static dev.datamigration.devtools.e2e.OdcE2eSupport.withKeys;
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
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.data.FactoryModel;
import dev.datamigration.fixtures.o11.model.EntitySpec;
import dev.datamigration.fixtures.o11.model.Side;
import dev.datamigration.fixtures.o11.model.UserSpec;
import dev.datamigration.fixtures.odc.OdcExpected;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.platform.EndUserDirectory.EndUser;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-pass cutover (source.downtime StopAfterCopy) from O11 Production into an ODC stage, through the local cluster:
 * Production keeps running during the bulk copy (the ODC apps undeployed) and changes rows in one table of each app
 * while that app's bulk Job copies; then the operator stops Production, the catch-up Jobs (existingData Sync) bring
 * the stage to exactly what a copy of the stopped Production gives, and the ODC apps' builds are redeployed.
 */
class OdcCutoverTest {

    private static final String USERS_BULK = "POST /api/identity/v1/users/bulk";
    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");
    private static final String NAME = "odc-cutover";

    /** One table per app, changed while its bulk Job is held inside it; each hold has its own advisory lock. */
    private record Change(String app, EntitySpec entity, long holdKey, List<String> statements, int rows) {
        String bulkJob() {
            return NAME + "-" + app.toLowerCase();
        }
    }

    @Test
    void catchUpBringsTheOdcStageToTheStoppedSource(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String stageDb = EmbeddedPostgres.uniqueDatabaseName("e2e_odc_cutover_stage");
        pg.createDatabase(stageDb);
        FactoryModel model = E2eCluster.matchedUsersFactory().model();
        List<UserSpec> existing = List.of(model.john, model.maria);
        try (E2eCluster e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_odc_cutover", existing)) {
            OdcStage stage = stage(e2e, pg, stageDb, model);
            OdcExpected expected = new OdcExpected(stage);
            // the oracle computed from Production as read is the oracle of the factory's Production: it may be
            // computed from the stopped Production below
            try (Connection production = e2e.databases().connectProduction()) {
                for (String table : expected.copiedTables()) {
                    assertThat(expected.rows(table, Rows.read(production, sourceTable(expected, table))))
                            .as(table).isEqualTo(expected.rows(table));
                }
            }

            String promotion = q(model.promotion.tableName(Side.PRODUCTION));
            String customer = q(model.customer.tableName(Side.PRODUCTION));
            String order = q(model.order.tableName(Side.PRODUCTION));
            List<Change> changes = List.of(
                    new Change("Catalog", model.promotion, 7_401L, List.of(
                            "UPDATE " + promotion + " SET \"TITLE\" = 'Spring sale ' || \"ID\" WHERE \"ID\" <= 3",
                            "INSERT INTO " + promotion + " (\"ID\", \"TITLE\", \"PERCENTAGE\", \"VALIDUNTIL\")"
                                    + " OVERRIDING SYSTEM VALUE VALUES (1000, 'Flash sale', 12.50, DATE '2026-12-24')",
                            "DELETE FROM " + promotion + " WHERE \"ID\" = 5"), 5),
                    new Change("Customers", model.customer, 7_402L, List.of(
                            "UPDATE " + customer + " SET \"NOTES\" = 'Moved during the copy ' || \"ID\""
                                    + " WHERE \"ID\" <= 2"), 2),
                    new Change("Orders", model.order, 7_403L, List.of(
                            "UPDATE " + order + " SET \"STATUS\" = 'Rerouted' WHERE \"ID\" <= 2"), 2));
            // each app's bulk load waits inside its changed table: its read of Production has begun, so the changes
            // are made while the bulk copy runs and are not in what it copies
            Map<String, AtomicReference<E2eCluster.InsertHold>> holds = new LinkedHashMap<>();
            for (Change change : changes) {
                AtomicReference<E2eCluster.InsertHold> hold = new AtomicReference<>();
                holds.put(change.app(), hold);
                String table = stage.table(change.entity());
                e2e.beforePodStarts(change.bulkJob() + "-0", () -> hold.set(E2eCluster.holdInsertsInto(
                        pg.connect(stageDb), table, change.holdKey())));
            }
            // the bulk Jobs when the first catch-up pod started (before the stop: it waits for its release)
            String catchUpJob = ResourceNames.catchUpJob(NAME, "Catalog");
            List<String> jobsAtCatchUp = new CopyOnWriteArrayList<>();
            e2e.beforePodStarts(catchUpJob + "-0", () -> {
                for (Change change : changes) {
                    jobsAtCatchUp.add(change.bulkJob() + " succeeded="
                            + e2e.job(change.bulkJob()).getStatus().getSucceeded());
                }
            });

            DataMigration migration = e2e.odcMigration(NAME, pg.jdbcUrl(stageDb), MAPPING,
                    APPS.toArray(String[]::new));
            migration.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
            migration.getSpec().getTarget().setDowntime(TargetDowntime.UndeployApps);
            migration.getSpec().getUsers().setUnmatched(UnmatchedUsers.Create);
            e2e.create(migration);

            List<String> seenDuringBulk = new ArrayList<>();
            int changed = 0;
            for (Change change : changes) {
                e2e.awaitProgress(change.bulkJob(), change.entity().name() + " loading", progress -> progress
                        .getEntities().stream().anyMatch(e -> e.getName().equals(change.entity().name())
                                && e.getState() == EntityState.Copying));
                assertThat(e2e.simulator().maintenanceMode("Production")).isFalse();
                try (Connection production = e2e.databases().connectProduction();
                        Statement statement = production.createStatement()) {
                    for (String sql : change.statements()) {
                        changed += statement.executeUpdate(sql);
                    }
                }
                seenDuringBulk.addAll(sideEffects(e2e));
                holds.get(change.app()).get().close();
            }
            assertThat(changed).isEqualTo(changes.stream().mapToInt(Change::rows).sum());

            DataMigrationStatus status = e2e.awaitPhase(NAME, Phase.Succeeded).getStatus();

            // the stage equals what a copy of the stopped Production gives, every table; created users have the keys
            // the Identity API gave them
            List<EndUser> odcUsers = e2e.simulator().odcUsers();
            assertThat(odcUsers).extracting(EndUser::email).containsExactly(model.john.email(),
                    model.maria.email(), model.liWei.email(), model.formerStaff.email());
            Map<Object, Object> createdKeys = new LinkedHashMap<>();
            createdKeys.put(OdcStage.userKey(model.liWei), odcUsers.get(2).key());
            createdKeys.put(OdcStage.userKey(model.formerStaff), odcUsers.get(3).key());
            try (Connection production = e2e.databases().connectProduction(); Connection t = pg.connect(stageDb)) {
                List<Map<String, Object>> stopped = Rows.read(production, model.promotion.tableName(Side.PRODUCTION));
                assertThat(stopped).extracting(row -> row.get("ID"), row -> row.get("TITLE")).containsExactly(
                        tuple(1L, "Spring sale 1"), tuple(2L, "Spring sale 2"), tuple(3L, "Spring sale 3"),
                        tuple(4L, "Promotion 4"), tuple(1000L, "Flash sale"));
                for (Change change : changes) {
                    String table = stage.table(change.entity());
                    assertThat(expected.rows(table, Rows.read(production, sourceTable(expected, table))))
                            .as("stopped Production differs from the factory's in %s", change.entity())
                            .isNotEqualTo(expected.rows(table));
                }
                for (String table : expected.copiedTables()) {
                    assertThat(Rows.read(t, table)).as("stage table of %s", expected.entity(table))
                            .isEqualTo(withKeys(expected.rows(table, Rows.read(production,
                                    sourceTable(expected, table))), createdKeys));
                }
                // the catch-up's insert moved Promotion's identity on, as a Replace would
                String promotionTable = stage.table(model.promotion);
                assertThat(nextId(t, promotionTable, stage.column(model.promotion, model.promotion.identifier())))
                        .isEqualTo(1001L);
            }

            // the platform: the ODC apps undeployed before the bulk copy, no stop during it; the stop after every
            // bulk Job, before the catch-up; the same builds redeployed last
            assertThat(seenDuringBulk).doesNotContain("Production maintenance on");
            assertThat(jobsAtCatchUp).containsExactly(NAME + "-catalog succeeded=1", NAME + "-customers succeeded=1",
                    NAME + "-orders succeeded=1");
            assertThat(sideEffects(e2e)).containsExactly(
                    "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS,
                    USERS_BULK,
                    "Production maintenance on",
                    "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS, "POST " + DEPLOYMENTS);
            assertUndeployedThenRedeployedTheSameBuilds(e2e);
            assertThat(e2e.simulator().maintenanceMode("Production")).isTrue();
            assertThat(status.getOperations())
                    .extracting(PlatformOperation::getAction, PlatformOperation::getSubject,
                            PlatformOperation::getState)
                    .containsExactly(
                            tuple(PlatformAction.Undeploy, "CatalogApp", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.Undeploy, "CustomersApp", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.Undeploy, "OrdersApp", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.StopEnvironment, "Production", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.Redeploy, "CatalogApp", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.Redeploy, "CustomersApp", PlatformOperationState.Succeeded),
                            tuple(PlatformAction.Redeploy, "OrdersApp", PlatformOperationState.Succeeded));

            // status: the source's downtime, the catch-up's own counts (exactly the rows changed), its Jobs
            e2e.assertCutoverTimes(status, NAME, APPS);
            List<SyncStats> sync = status.getApps().stream().map(AppStatus::getSync).toList();
            assertThat(sync).extracting(SyncStats::getRowsInserted, SyncStats::getRowsUpdated,
                    SyncStats::getRowsDeleted).as("catch-up counts %s", sync)
                    .containsExactly(tuple(1L, 3L, 1L), tuple(0L, 2L, 0L), tuple(0L, 2L, 0L));
            assertThat(status.getSource().getCatchUpRows()).isEqualTo((long) changed);
            assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getJob,
                    AppStatus::getOdcApp).containsExactly(
                            tuple("Catalog", AppPhase.Succeeded, catchUpJob, "CatalogApp"),
                            tuple("Customers", AppPhase.Succeeded, ResourceNames.catchUpJob(NAME, "Customers"),
                                    "CustomersApp"),
                            tuple("Orders", AppPhase.Succeeded, ResourceNames.catchUpJob(NAME, "Orders"),
                                    "OrdersApp"));
            // the bulk pass's rows: the stopped Production has as many rows (one Promotion inserted, one deleted)
            long rows = expected.copiedTables().stream().mapToLong(table -> expected.rows(table).size()).sum();
            assertThat(status.getRows().getCopied()).isEqualTo(rows);
            assertThat(status.getMessage()).isEqualTo("Copied 3 apps: " + expected.copiedTables().size()
                    + " entities, " + rows + " rows; catch-up after stopping the source: " + changed + " rows changed");
            // the end users resolved once: the catch-up matched the users the bulk pass created, created none
            assertThat(status.getUsers()).isEqualTo(new UserCountsStatus(2L, 2L, 0L));
            assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus,
                    Condition::getReason).containsExactly(
                            tuple("Validated", "True", "Valid"),
                            tuple("Planned", "True", "Planned"),
                            tuple("Quiesced", "True", "Quiesced"),
                            tuple("Copied", "True", "Copied"),
                            tuple("Restored", "True", "Redeployed"),
                            tuple("Complete", "True", "Succeeded"));
            List<String> jobs = new ArrayList<>(List.of(NAME + "-catalog", NAME + "-customers", NAME + "-orders",
                    NAME + "-plan"));
            for (String app : APPS) {
                String job = ResourceNames.catchUpJob(NAME, app);
                assertThat(job).matches(NAME + "-" + app.toLowerCase() + "-catchup-[0-9a-z]+");
                assertThat(e2e.job(job).getStatus().getSucceeded()).as(job).isEqualTo(1);
                jobs.add(job);
            }
            assertThat(e2e.jobNames()).containsExactlyInAnyOrderElementsOf(jobs);
            assertThat(e2e.eventReasons(NAME)).contains("CopyJobCreated", "StoppingSource", "SourceStopped",
                    "CatchUpJobCreated", "Copied", "Succeeded");
        } finally {
            pg.dropDatabase(stageDb);
        }
    }

    /** The Production table a stage table is copied from. */
    private static String sourceTable(OdcExpected expected, String stageTable) {
        return expected.entity(stageTable).tableName(Side.PRODUCTION);
    }

    /** Platform calls that changed something, as E2eCluster renders them, without the ODC token requests. */
    private static List<String> sideEffects(E2eCluster e2e) {
        return e2e.sideEffects().stream().filter(call -> !call.endsWith("/identity/connect/token")).toList();
    }

    private static String q(String table) {
        return "\"" + table + "\"";
    }
}

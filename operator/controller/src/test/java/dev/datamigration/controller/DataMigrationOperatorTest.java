package dev.datamigration.controller;

import static dev.datamigration.controller.testing.JobPlayer.app;
import static dev.datamigration.controller.testing.JobPlayer.plan;
import static dev.datamigration.api.v1alpha1.PlatformAction.Redeploy;
import static dev.datamigration.api.v1alpha1.PlatformAction.StopEnvironment;
import static dev.datamigration.api.v1alpha1.PlatformAction.Undeploy;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Requested;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Running;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.DeploymentRecord;
import dev.datamigration.api.v1alpha1.ExistingData;
import dev.datamigration.api.v1alpha1.MaskingRule;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.OdcPlatformEndpoint;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.UserCountsStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.datamigration.controller.platform.PlatformConnection;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.controller.progress.AppProgress;
import dev.datamigration.controller.status.SpecHash;
import dev.datamigration.controller.validation.EnvironmentValidator;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.controller.testing.JobPlayer;
import dev.datamigration.controller.testing.OperatorHarness;
import dev.datamigration.controller.testing.PlatformSimulator;
import dev.datamigration.simulator.FaultRule;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole operator on the CRUD mock API server, the platform simulator over HTTP behind the real platform
 * clients, and {@link JobPlayer} in the part of the Job controller and the copier.
 */
@EnableKubernetesMockClient(crud = true)
class DataMigrationOperatorTest {

    private static final String PRODUCTION_KEY = "11111111-0000-4000-8000-000000000001";
    private static final String QA_KEY = "11111111-0000-4000-8000-000000000002";
    private static final String PRODUCTION_MAINTENANCE = ".*/environments/" + PRODUCTION_KEY + "/maintenancemode";
    private static final String QA_MAINTENANCE = ".*/environments/" + QA_KEY + "/maintenancemode";

    KubernetesClient client;
    KubernetesMockServer server;
    PlatformSimulator platform;
    OperatorHarness harness;
    JobPlayer jobs;

    @BeforeEach
    void setUp() {
        platform = new PlatformSimulator();
        harness = new OperatorHarness(client, platform).standardSecrets().start();
        jobs = new JobPlayer(client, OperatorHarness.NAMESPACE);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        platform.close();
    }

    private static Map<String, Long> entities(Object... nameRows) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nameRows.length; i += 2) {
            map.put((String) nameRows[i], ((Number) nameRows[i + 1]).longValue());
        }
        return map;
    }

    @Test
    @DisplayName("O11 -> O11 with StopEnvironment and UndeployApps: stop, undeploy, copy in waves, redeploy, Succeeded")
    void happyPath() {
        harness.create(harness.o11("prod-to-qa", "Orders", "Customers"));
        jobs.finishPlan("prod-to-qa-plan", plan(
                app("Orders", 1, entities("Order", 1000, "OrderLine", 5000)),
                app("Customers", 0, entities("Customer", 300, "Address", 400, "Segment", 5))));

        jobs.succeedCopy("prod-to-qa-customers", "Customers", entities("Customer", 300, "Address", 400, "Segment", 5));
        jobs.succeedCopy("prod-to-qa-orders", "Orders", entities("Order", 1000, "OrderLine", 5000));

        DataMigration done = harness.awaitPhase("prod-to-qa", Phase.Succeeded);
        assertThat(platform.sideEffects()).containsExactly(
                "Production maintenance on",
                "QA maintenance on",
                "QA maintenance on",
                "QA maintenance off",
                "QA maintenance off");
        DataMigrationStatus status = done.getStatus();
        assertThat(status.getProgress()).isEqualTo("5/5");
        assertThat(status.getEntities().getTotal()).isEqualTo(5);
        assertThat(status.getEntities().getMigrated()).isEqualTo(5);
        assertThat(status.getEntities().getFailed()).isZero();
        assertThat(status.getRows().getCopied()).isEqualTo(6705L);
        assertThat(status.getRows().getEstimated()).isEqualTo(6705L);
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState,
                        PlatformOperation::getOperationKey)
                .containsExactly(
                        tuple(StopEnvironment, "Production", Succeeded, "maintenance-mode-on:" + PRODUCTION_KEY),
                        tuple(Undeploy, "Customers", Succeeded, "maintenance-mode-on:" + QA_KEY),
                        tuple(Undeploy, "Orders", Succeeded, "maintenance-mode-on:" + QA_KEY),
                        tuple(Redeploy, "Customers", Succeeded, "maintenance-mode-off:" + QA_KEY),
                        tuple(Redeploy, "Orders", Succeeded, "maintenance-mode-off:" + QA_KEY));
        assertThat(status.getOperations()).allSatisfy(operation -> {
            assertThat(operation.getTime()).isBetween(status.getStartedAt(), status.getCompletedAt());
            assertThat(operation.getMessage()).isNull();
        });
        // what a redeploy needs is recorded with the undeploy intent (O11: only the app's key)
        assertThat(status.getOperations()).extracting(PlatformOperation::getDeployment)
                .extracting(record -> record == null ? null : record.getAppKey())
                .containsExactly(null, "aaaaaaaa-0000-4000-8000-000000000001",
                        "aaaaaaaa-0000-4000-8000-000000000002", null, null);
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getJob,
                        AppStatus::getWave, AppStatus::getRows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Customers", AppPhase.Succeeded, "prod-to-qa-customers",
                                0, 705L),
                        org.assertj.core.groups.Tuple.tuple("Orders", AppPhase.Succeeded, "prod-to-qa-orders", 1,
                                6000L));
        assertThat(status.getApps().get(0).getMigratedEntities()).containsExactly("Customer", "Address", "Segment");
        assertThat(status.getApps().get(1).getMigratedEntities()).containsExactly("Order", "OrderLine");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True", "Planned"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "True", "Quiesced"),
                        org.assertj.core.groups.Tuple.tuple("Copied", "True", "Copied"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True", "Redeployed"),
                        org.assertj.core.groups.Tuple.tuple("Complete", "True", "Succeeded"));
        assertThat(status.getMessage()).isEqualTo("Copied 2 apps: 5 entities, 6705 rows");
        assertThat(status.getCompletedAt()).isNotNull();
        assertThat(status.getElapsed()).matches("\\d+s");
        assertThat(platform.maintenanceMode("Production")).isTrue();
        assertThat(platform.maintenanceMode("QA")).isFalse();
        assertThat(harness.eventReasons("prod-to-qa")).contains("Accepted", "Validated", "PlanJobCreated", "Planned",
                "StoppingSource", "SourceStopped", "UndeployingApp", "AppUndeployed", "CopyJobCreated", "AppCopied",
                "Copied", "RedeployingApp", "AppRedeployed", "Succeeded");

        String everythingWritten = Serialization.asJson(done) + Serialization.asJson(harness.events("prod-to-qa"))
                + Serialization.asJson(jobs.jobs()) + Serialization.asJson(client.configMaps()
                        .inNamespace(OperatorHarness.NAMESPACE).list());
        assertThat(everythingWritten).doesNotContain("r-secret", "w-secret", PlatformSimulator.LT_TOKEN);
        assertThat(harness.registry().get("datamigration.migrations").tag("phase", "Succeeded").gauge().value())
                .isEqualTo(1.0);
        assertThat(harness.registry().get("datamigration.rows.copied").counter().count()).isEqualTo(6705.0);
        assertThat(harness.registry().get("datamigration.platform.calls").tag("operation", "undeploy")
                .tag("outcome", "ok").counter().count()).isEqualTo(2.0);
        assertThat(harness.registry().getMeters()).anyMatch(meter -> meter.getId().getName()
                .startsWith("operator.sdk."));
    }

    @Test
    @DisplayName("KeepRunning and KeepDeployed: the copy runs with no platform side effect at all")
    void noDowntime() {
        DataMigration migration = harness.o11("live", "Customers");
        migration.getSpec().getSource().setDowntime(SourceDowntime.KeepRunning);
        migration.getSpec().getTarget().setDowntime(TargetDowntime.KeepDeployed);
        harness.create(migration);
        jobs.finishPlan("live-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("live-customers", "Customers", entities("Customer", 300));

        DataMigrationStatus status = harness.awaitPhase("live", Phase.Succeeded).getStatus();
        assertThat(platform.sideEffects()).isEmpty();
        assertThat(status.getRows().getCopied()).isEqualTo(300L);
        assertThat(status.getOperations()).isNull();
    }

    @Test
    @DisplayName("A copy Job fails permanently: same-wave Jobs finish, later waves never start, targets redeployed, Failed")
    void appFailure() {
        DataMigration migration = harness.o11("refresh-1", "Customers", "Orders", "Billing");
        harness.create(migration);
        jobs.finishPlan("refresh-1-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 0, entities("Order", 1000, "OrderLine", 5000)),
                app("Billing", 1, entities("Invoice", 70))));
        jobs.awaitJob("refresh-1-customers");
        jobs.awaitJob("refresh-1-orders");

        jobs.failCopy("refresh-1-orders", "Orders", entities("Order", 1000), "OrderLine",
                "duplicate key value violates unique constraint \"OSUSR_ABC_ORDERLINE_PK\" (Id=42)");
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> harness.get("refresh-1").getStatus().getApps().get(1)
                .getPhase() == AppPhase.Failed);
        assertThat(harness.get("refresh-1").getStatus().getPhase()).isEqualTo(Phase.Copying);
        jobs.succeedCopy("refresh-1-customers", "Customers", entities("Customer", 300));

        DataMigrationStatus status = harness.awaitPhase("refresh-1", Phase.Failed).getStatus();
        String cause = "entity OrderLine: duplicate key value violates unique constraint "
                + "\"OSUSR_ABC_ORDERLINE_PK\" (Id=42)";
        assertThat(status.getMessage()).isEqualTo("App Orders failed: " + cause);
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Customers", AppPhase.Succeeded, null),
                        org.assertj.core.groups.Tuple.tuple("Orders", AppPhase.Failed, cause),
                        org.assertj.core.groups.Tuple.tuple("Billing", AppPhase.Cancelled,
                                "Not started: app Orders failed"));
        assertThat(status.getApps().get(1).getMigratedEntities()).containsExactly("Order");
        assertThat(status.getProgress()).isEqualTo("2/4");
        assertThat(status.getEntities().getFailed()).isEqualTo(1);
        assertThat(jobs.job("refresh-1-billing")).isNull();
        assertThat(platform.sideEffects()).containsExactly(
                "Production maintenance on",
                "QA maintenance on", "QA maintenance on", "QA maintenance on",
                "QA maintenance off", "QA maintenance off", "QA maintenance off");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True", "Planned"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "True", "Quiesced"),
                        org.assertj.core.groups.Tuple.tuple("Copied", "False", "AppFailed"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True", "Redeployed"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "True", "AppFailed"));
        assertThat(harness.eventReasons("refresh-1")).contains("AppCopyFailed", "AppFailed", "Failed");
    }

    @Test
    @DisplayName("Operator restarted mid-copy: finished Jobs are not rerun and no platform call repeats")
    void restartDuringCopying() {
        harness.create(harness.o11("restart", "Customers", "Orders"));
        jobs.finishPlan("restart-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 1, entities("Order", 1000))));
        String customersUid = jobs.awaitJob("restart-customers").getMetadata().getUid();
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> harness.get("restart").getStatus().getPhase() == Phase.Copying);

        harness.stop();
        jobs.succeedCopy("restart-customers", "Customers", entities("Customer", 300));
        harness.start();

        jobs.succeedCopy("restart-orders", "Orders", entities("Order", 1000));
        DataMigrationStatus status = harness.awaitPhase("restart", Phase.Succeeded).getStatus();
        assertThat(jobs.job("restart-customers").getMetadata().getUid()).isEqualTo(customersUid);
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName())
                .containsExactlyInAnyOrder("restart-plan", "restart-customers", "restart-orders");
        assertThat(platform.sideEffects()).containsExactly(
                "Production maintenance on", "QA maintenance on", "QA maintenance on",
                "QA maintenance off", "QA maintenance off");
        assertThat(status.getProgress()).isEqualTo("2/2");
        assertThat(status.getRows().getCopied()).isEqualTo(1300L);
    }

    /** A run with source.downtime StopAfterCopy into a PostgreSQL target (what Sync needs). */
    private DataMigration stopAfterCopy(String name, String... apps) {
        DataMigration migration = harness.o11(name, apps);
        migration.getSpec().getSource().setDowntime(SourceDowntime.StopAfterCopy);
        migration.getSpec().getTarget().getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        migration.getSpec().getTarget().getDatabase().setUrl("jdbc:postgresql://qa:5432/outsystems");
        return migration;
    }

    /** The release key of a Job's task ConfigMap (null while the Job waits). */
    private String releaseOf(String job) {
        return client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(job + "-task").get().getData()
                .get(Contracts.RELEASE_KEY);
    }

    @Test
    @DisplayName("StopAfterCopy: bulk copy with the source up, catch-up Jobs with Sync started and waiting, then stop,"
            + " Jobs released wave after wave (a restart in between repeats nothing), redeploy")
    void stopAfterCopyRunsACatchUpPass() {
        harness.create(stopAfterCopy("cut", "Customers", "Orders"));
        jobs.finishPlan("cut-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 1, entities("Order", 1000))));
        jobs.succeedCopy("cut-customers", "Customers", entities("Customer", 300));
        jobs.awaitJob("cut-orders");
        // the bulk copy runs while the source is up: only the target apps were taken offline
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "QA maintenance on");
        assertThat(harness.get("cut").getStatus().getSource()).isNull();
        jobs.succeedCopy("cut-orders", "Orders", entities("Order", 1000));

        String customersCatchUp = ResourceNames.catchUpJob("cut", "Customers");
        String ordersCatchUp = ResourceNames.catchUpJob("cut", "Orders");
        // both catch-up Jobs are created before the stop; the stop waits until both are connected and waiting
        jobs.reportWaiting(customersCatchUp, "Customers");
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> harness.get("cut").getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Copied") && "StartingCatchUp".equals(c.getReason())
                        && c.getMessage().startsWith("Bulk copy done; 1 of 2 catch-up Jobs connected and waiting")));
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "QA maintenance on");
        assertThat(releaseOf(customersCatchUp)).isNull();
        // a restarted operator finds the catch-up Jobs it created and goes on waiting for them
        harness.stop();
        harness.start();
        jobs.reportWaiting(ordersCatchUp, "Orders");
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> releaseOf(customersCatchUp) != null);
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "QA maintenance on",
                "Production maintenance on");
        DataMigrationStatus catchingUp = harness.get("cut").getStatus();
        assertThat(catchingUp.getPhase()).isEqualTo(Phase.Copying);
        assertThat(catchingUp.getSource().getStoppedAt()).isEqualTo(catchingUp.getOperations().get(2).getTime());
        assertThat(catchingUp.getSource().getDowntime()).isNull();
        assertThat(catchingUp.getApps()).extracting(AppStatus::getJob, AppStatus::getPhase)
                .containsExactly(tuple(customersCatchUp, AppPhase.Running), tuple(ordersCatchUp, AppPhase.Pending));
        // released once the source was stopped; Orders (wave 1) waits for Customers
        assertThat(Instant.parse(releaseOf(customersCatchUp)))
                .isAfterOrEqualTo(Instant.parse(catchingUp.getSource().getStoppedAt()));
        assertThat(releaseOf(ordersCatchUp)).isNull();
        assertThat(catchingUp.getApps().get(1).getMessage())
                .isEqualTo("Catch-up Job waiting for its wave; the source environment is stopped");
        JobTask task = Serialization.unmarshal(client.configMaps().inNamespace(OperatorHarness.NAMESPACE)
                .withName(customersCatchUp + "-task").get().getData().get("task.json"), JobTask.class);
        assertThat(task.getExistingData()).isEqualTo(ExistingData.Sync);
        assertThat(task.getAwaitRelease()).isTrue();
        JobTask bulk = Serialization.unmarshal(client.configMaps().inNamespace(OperatorHarness.NAMESPACE)
                .withName("cut-customers-task").get().getData().get("task.json"), JobTask.class);
        assertThat(bulk.getExistingData()).isEqualTo(ExistingData.Replace);

        harness.stop();
        jobs.succeedCopy(customersCatchUp, "Customers", entities("Customer", 300));
        harness.start();
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> releaseOf(ordersCatchUp) != null);
        jobs.succeedCopy(ordersCatchUp, "Orders", entities("Order", 1000));

        DataMigrationStatus status = harness.awaitPhase("cut", Phase.Succeeded).getStatus();
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "QA maintenance on",
                "Production maintenance on", "QA maintenance off", "QA maintenance off");
        assertThat(platform.maintenanceMode("Production")).isTrue();
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple(Undeploy, "Customers", Succeeded), tuple(Undeploy, "Orders", Succeeded),
                        tuple(StopEnvironment, "Production", Succeeded), tuple(Redeploy, "Customers", Succeeded),
                        tuple(Redeploy, "Orders", Succeeded));
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName()).containsExactlyInAnyOrder("cut-plan",
                "cut-customers", "cut-orders", customersCatchUp, ordersCatchUp);
        // created once per app, the restart did not create them again
        assertThat(harness.events("cut")).filteredOn(e -> e.getReason().equals("CatchUpJobCreated"))
                .extracting(e -> e.getCount()).containsExactly(1, 1);
        assertThat(status.getSource().getStoppedAt()).isEqualTo(status.getOperations().get(2).getTime());
        assertThat(status.getSource().getDowntime()).matches("\\d+s");
        assertThat(status.getSource().getCatchUpRows()).isZero();
        assertThat(status.getRows().getCopied()).isEqualTo(1300L);
        assertThat(status.getMessage()).isEqualTo("Copied 2 apps: 2 entities, 1300 rows; catch-up after stopping the"
                + " source: 0 rows changed");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "True", "Copied"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Complete", "True", "Succeeded"));
        assertThat(harness.eventReasons("cut")).contains("CopyJobCreated", "CatchUpJobCreated", "StoppingSource",
                "SourceStopped", "CatchUpJobReleased", "Succeeded");
    }

    @Test
    @DisplayName("StopAfterCopy: a catch-up Job that does not connect within 10 minutes does not hold the stop; it is"
            + " released once stopped")
    void stopAfterCopyStopsWithoutAJobThatDoesNotStart() {
        harness.create(stopAfterCopy("cut-slow", "Customers"));
        jobs.finishPlan("cut-slow-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("cut-slow-customers", "Customers", entities("Customer", 300));
        String catchUp = ResourceNames.catchUpJob("cut-slow", "Customers");
        jobs.awaitJob(catchUp);
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> harness.get("cut-slow").getStatus().getConditions()
                .stream().anyMatch(c -> "StartingCatchUp".equals(c.getReason())));
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on");

        harness.advanceClock(Duration.ofMinutes(11));
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> releaseOf(catchUp) != null);
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "Production maintenance on");
        assertThat(harness.eventReasons("cut-slow")).contains("CatchUpJobsSlow");
        jobs.succeedCopy(catchUp, "Customers", entities("Customer", 300));
        assertThat(harness.awaitPhase("cut-slow", Phase.Succeeded).getStatus().getSource().getDowntime())
                .matches("\\d+s");
    }

    @Test
    @DisplayName("StopAfterCopy: a catch-up Job that fails while it starts fails the run before the stop: the source"
            + " keeps running, no catch-up, target apps redeployed")
    void stopAfterCopyCatchUpJobFailsBeforeTheStop() {
        harness.create(stopAfterCopy("cut-early", "Customers", "Orders"));
        jobs.finishPlan("cut-early-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 1, entities("Order", 1000))));
        jobs.succeedCopy("cut-early-customers", "Customers", entities("Customer", 300));
        jobs.succeedCopy("cut-early-orders", "Orders", entities("Order", 1000));
        String customersCatchUp = ResourceNames.catchUpJob("cut-early", "Customers");
        String ordersCatchUp = ResourceNames.catchUpJob("cut-early", "Orders");
        jobs.reportWaiting(customersCatchUp, "Customers");
        jobs.failCopy(ordersCatchUp, "Orders", Map.of(), "Order", "connection refused");

        DataMigrationStatus status = harness.awaitPhase("cut-early", Phase.Failed).getStatus();
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "QA maintenance on",
                "QA maintenance off", "QA maintenance off");
        assertThat(platform.maintenanceMode("Production")).isFalse();
        assertThat(status.getSource()).isNull();
        assertThat(status.getMessage()).isEqualTo("Catch-up Job " + ordersCatchUp + " of app Orders failed before"
                + " the source environment was stopped: entity Order failed; source environment Production keeps"
                + " running");
        assertThat(releaseOf(customersCatchUp)).isNull();
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName())
                .containsExactlyInAnyOrder("cut-early-plan", "cut-early-customers", "cut-early-orders");
        assertThat(status.getApps()).extracting(AppStatus::getJob, AppStatus::getPhase)
                .containsExactly(tuple("cut-early-customers", AppPhase.Succeeded),
                        tuple("cut-early-orders", AppPhase.Succeeded));
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "False", "CatchUpJobFailed"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Failed", "True", "CatchUpJobFailed"));
    }

    @Test
    @DisplayName("StopAfterCopy: a source that cannot be stopped fails the run after the bulk copy, the waiting"
            + " catch-up Job deleted, target apps redeployed")
    void stopAfterCopyStopFails() {
        platform.server().faults().add(FaultRule.error(PRODUCTION_MAINTENANCE, 503, 10).forMethod("PUT"));
        DataMigration migration = stopAfterCopy("cut-fail", "Customers");
        harness.create(migration);
        jobs.finishPlan("cut-fail-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("cut-fail-customers", "Customers", entities("Customer", 300));
        jobs.reportWaiting(ResourceNames.catchUpJob("cut-fail", "Customers"), "Customers");

        DataMigrationStatus status = harness.awaitPhase("cut-fail", Phase.Failed).getStatus();
        assertThat(platform.sideEffects()).containsExactly("QA maintenance on", "503 Production maintenance on",
                "503 Production maintenance on", "503 Production maintenance on", "503 Production maintenance on",
                "503 Production maintenance on", "503 Production maintenance on", "QA maintenance off");
        assertThat(status.getMessage()).startsWith("platform API still failing after 3 attempts: ").contains("503");
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName())
                .containsExactlyInAnyOrder("cut-fail-plan", "cut-fail-customers");
        assertThat(harness.eventReasons("cut-fail")).contains("CatchUpJobCreated");
        assertThat(releaseOf(ResourceNames.catchUpJob("cut-fail", "Customers"))).isNull();
        assertThat(status.getApps()).extracting(AppStatus::getJob, AppStatus::getPhase, AppStatus::getMessage)
                .containsExactly(tuple("cut-fail-customers", AppPhase.Succeeded, "Bulk copy done; no catch-up: the"
                        + " source environment was not stopped"));
        assertThat(status.getSource()).isNull();
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "False", "PlatformFailed"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Failed", "True", "PlatformFailed"));
    }

    @Test
    @DisplayName("O11 -> ODC: ODC operations are polled, and a restart resumes polling the same operation")
    void odcOperationsPolledAcrossRestart() {
        harness.create(harness.odc("to-odc", "Customers"));
        jobs.finishPlan("to-odc-plan", plan(app("Customers", 0, entities("Customer", 300))));
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> {
            DataMigrationStatus current = harness.get("to-odc").getStatus();
            return current.getOperations() != null && current.getOperations().stream().anyMatch(operation ->
                    operation.getAction() == Undeploy && operation.getState() == Running
                            && operation.getOperationKey() != null);
        });
        String undeployKey = harness.get("to-odc").getStatus().getOperations().get(1).getOperationKey();
        harness.stop();
        harness.start();
        jobs.succeedCopy("to-odc-customers", "Customers", entities("Customer", 300));
        DataMigrationStatus status = harness.awaitPhase("to-odc", Phase.Succeeded).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy Customers",
                "Deploy Customers");
        assertThat(platform.server().deployedRevision("Test", "Customers")).contains(5);
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple(StopEnvironment, "Production", Succeeded),
                        tuple(Undeploy, "Customers", Succeeded), tuple(Redeploy, "Customers", Succeeded));
        // the operation polled after the restart is the one started before it
        assertThat(status.getOperations().get(1).getOperationKey()).isEqualTo(undeployKey);
        assertThat(status.getOperations().get(1).getDeployment())
                .extracting(DeploymentRecord::getBuildKey, DeploymentRecord::getRevision)
                .containsExactly("cccccccc-0000-4000-8000-000000000005", 5);
    }

    @Test
    @DisplayName("O11 -> ODC: cancelled mid-copy, the ODC app gets its exact build back; status names the ODC app,"
            + " its migrated entities and the end users")
    void odcCancelRedeploysTheBuildThatRanAndStatusCountsUsers() {
        harness.create(harness.odc("odc-cancel", "Customers"));
        PlanReport planned = plan(app("Customers", 0, entities("Customer", 300, "Address", 400)));
        planned.setUsers(new UserCounts(2, 0, 0, 3L));
        jobs.finishPlan("odc-cancel-plan", planned);
        jobs.reportProgress("odc-cancel-customers", "Customers", entities("Customer", 300),
                new UserCounts(2, 3, 0, null));
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> "1/2".equals(harness.get("odc-cancel").getStatus()
                .getProgress()));
        Job copyJob = jobs.job("odc-cancel-customers");

        client.resources(DataMigration.class).inNamespace(harness.get("odc-cancel").getMetadata().getNamespace())
                .withName("odc-cancel").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");

        DataMigrationStatus status = harness.awaitPhase("odc-cancel", Phase.Cancelled).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy Customers",
                "Deploy Customers");
        assertThat(platform.server().deployedRevision("Test", "Customers")).contains(5);
        assertThat(platform.server().callLog().matching("POST", "/api/deployments/v1/deployment-operations").get(1)
                .body()).contains("\"buildKey\":\"cccccccc-0000-4000-8000-000000000005\"", "\"revision\":5");
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getOdcApp, AppStatus::getPhase,
                AppStatus::getMigratedEntities).containsExactly(tuple("Customers", "Customers", AppPhase.Cancelled,
                List.of("Customer")));
        assertThat(status.getUsers()).isEqualTo(new UserCountsStatus(2L, 3L, 0L));
        // the ODC platform Secret is mounted into the copy Job, and task.json names only its directory
        assertThat(copyJob.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName()).contains("odc-client");
        String task = client.configMaps().inNamespace(copyJob.getMetadata().getNamespace())
                .withName("odc-cancel-customers-task").get().getData().get("task.json");
        JobTask parsed = Serialization.unmarshal(task, JobTask.class);
        assertThat(parsed.getOdcPlatform()).extracting(OdcPlatformEndpoint::getPortalUrl,
                OdcPlatformEndpoint::getCredentialsDir, OdcPlatformEndpoint::getUsersConfigMap).containsExactly(
                platform.odcUrl(), "/etc/datamigration/secrets/odc-platform", "odc-cancel-users");
        assertThat(task).doesNotContain(PlatformSimulator.ODC_CLIENT_SECRET);
    }

    @Test
    @DisplayName("Restarted between intents and the platform's answers: an app found undeployed is not undeployed again")
    void requestedIntentsSettledAfterRestart() {
        harness.stop();
        // What the previous operator left: the stop of Production and the undeploy of Customers recorded (Requested),
        // both calls made, no answer seen.
        DataMigration created = harness.create(harness.odc("resumed", "Customers"));
        created.setStatus(quiescingWithIntentsRecorded(created));
        client.resource(created).updateStatus();
        PlatformClient lifeTime = harness.factory().create(new PlatformConnection(Platform.O11,
                platform.lifeTimeUrl(), Map.of("token", PlatformSimulator.LT_TOKEN)));
        lifeTime.stopEnvironment(lifeTime.environment("Production"), "DataMigration refresh/resumed");
        PlatformClient odc = harness.factory().create(new PlatformConnection(Platform.ODC, platform.odcUrl(),
                Map.of("clientId", PlatformSimulator.ODC_CLIENT_ID, "clientSecret",
                        PlatformSimulator.ODC_CLIENT_SECRET)));
        Environment test = odc.environment("Test");
        String undeploy = odc.undeploy(test, EnvironmentValidator.find(odc.applications(test), "Customers")
                .orElseThrow(), "DataMigration refresh/resumed").key();
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> odc.operation(test, undeploy).isDone());

        harness.start();
        jobs.succeedCopy("resumed-customers", "Customers", entities("Customer", 300));

        DataMigrationStatus status = harness.awaitPhase("resumed", Phase.Succeeded).getStatus();
        // LifeTime does not tell whether an environment is in maintenance mode: the stop is made again (it is
        // idempotent); ODC lists Customers as undeployed: no second undeploy, the redeploy of the recorded build
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy Customers",
                "Production maintenance on", "Deploy Customers");
        assertThat(platform.server().deployedRevision("Test", "Customers")).contains(5);
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple(StopEnvironment, "Production", Succeeded),
                        tuple(Undeploy, "Customers", Succeeded), tuple(Redeploy, "Customers", Succeeded));
        assertThat(status.getOperations().get(1).getOperationKey()).isNull();
        assertThat(harness.eventReasons("resumed")).contains("SourceStopped", "AppUndeployed")
                .doesNotContain("StoppingSource", "UndeployingApp");
    }

    /** Validated and Planned (one app, Customers), Quiescing, the stop and the undeploy requested. */
    private static DataMigrationStatus quiescingWithIntentsRecorded(DataMigration migration) {
        DataMigrationStatus status = new DataMigrationStatus();
        status.setStartedAt("2026-03-01T10:00:00Z");
        status.setSpecHash(SpecHash.of(migration.getSpec()));
        status.setPhase(Phase.Quiescing);
        status.setConditions(List.of(
                condition("Validated", "True", "Valid"), condition("Planned", "True", "Planned"),
                condition("Quiesced", "Unknown", "Quiescing")));
        PlannedApp customers = app("Customers", 0, entities("Customer", 300));
        status.setApps(new ArrayList<>(List.of(AppProgress.pending(customers, "resumed-customers"))));
        PlatformOperation stop = new PlatformOperation();
        stop.setAction(StopEnvironment);
        stop.setSubject("Production");
        stop.setState(Requested);
        stop.setTime("2026-03-01T10:00:02Z");
        PlatformOperation undeploy = new PlatformOperation();
        undeploy.setAction(Undeploy);
        undeploy.setSubject("Customers");
        undeploy.setState(Requested);
        undeploy.setTime("2026-03-01T10:00:03Z");
        DeploymentRecord before = new DeploymentRecord();
        before.setAppKey("bbbbbbbb-0000-4000-8000-000000000001");
        before.setBuildKey("cccccccc-0000-4000-8000-000000000005");
        before.setRevision(5);
        undeploy.setDeployment(before);
        status.setOperations(new ArrayList<>(List.of(stop, undeploy)));
        return status;
    }

    private static Condition condition(String type, String status, String reason) {
        return new io.fabric8.kubernetes.api.model.ConditionBuilder().withType(type).withStatus(status)
                .withReason(reason).withMessage(reason).withObservedGeneration(1L)
                .withLastTransitionTime("2026-03-01T10:00:01Z").build();
    }

    @Test
    @DisplayName("O11 -> ODC: a redeploy the platform refuses fails the run and names the app left undeployed")
    void odcRedeployFails() {
        harness.create(harness.odc("odc-fail", "Orders"));
        jobs.finishPlan("odc-fail-plan", plan(app("Orders", 0, entities("Order", 1000))));
        jobs.succeedCopy("odc-fail-orders", "Orders", entities("Order", 1000));
        DataMigrationStatus status = harness.awaitPhase("odc-fail", Phase.Failed).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy Orders",
                "Deploy Orders");
        assertThat(status.getMessage()).isEqualTo("Restore failed: redeploying target app Orders failed on the "
                + "platform: Deploy of Orders finished with error: Deployment failed: the data model is not compatible; still undeployed, redeploy by "
                + "hand: Orders");
        assertThat(status.getApps().get(0).getPhase()).isEqualTo(AppPhase.Succeeded);
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True", "Planned"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "True", "Quiesced"),
                        org.assertj.core.groups.Tuple.tuple("Copied", "True", "Copied"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "False", "RedeployFailed"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "True", "RestoreFailed"));
    }

    @Test
    @DisplayName("Transient platform failures are retried with back-off and the run succeeds")
    void transientFailuresRetried() {
        platform.server().faults().add(FaultRule.error(PRODUCTION_MAINTENANCE, 503, 2));
        harness.create(harness.o11("flaky", "Customers"));
        jobs.finishPlan("flaky-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("flaky-customers", "Customers", entities("Customer", 300));
        harness.awaitPhase("flaky", Phase.Succeeded);
        assertThat(platform.sideEffects()).containsExactly("503 Production maintenance on",
                "503 Production maintenance on", "Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(harness.eventReasons("flaky")).contains("PlatformRetry");
    }

    @Test
    @DisplayName("Platform timeouts are retried like 5xx: the run goes on once the platform answers again")
    void timeoutsRetried() {
        platform.server().faults().add(FaultRule.timeout(PRODUCTION_MAINTENANCE, 1500, 2).forMethod("PUT"));
        harness.create(harness.o11("slow-lt", "Customers"));
        jobs.finishPlan("slow-lt-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("slow-lt-customers", "Customers", entities("Customer", 300));
        harness.awaitPhase("slow-lt", Phase.Succeeded);
        assertThat(platform.sideEffects()).endsWith("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(platform.server().calls()).filteredOn(call -> "TIMEOUT".equals(call.fault())).hasSize(2);
        assertThat(harness.eventReasons("slow-lt")).contains("PlatformRetry");
    }

    @Test
    @DisplayName("A platform that keeps failing fails the run clearly; an undeploy whose outcome is unknown is redeployed")
    void persistentPlatformFailureNeverStrandsAnUndeploy() {
        platform.server().faults().add(FaultRule.error(QA_MAINTENANCE, 503, 6).forMethod("PUT"));
        harness.create(harness.o11("down", "Customers", "Orders"));
        jobs.finishPlan("down-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 0, entities("Order", 1000))));

        DataMigrationStatus status = harness.awaitPhase("down", Phase.Failed).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on",
                "503 QA maintenance on", "503 QA maintenance on", "503 QA maintenance on",
                "503 QA maintenance on", "503 QA maintenance on", "503 QA maintenance on",
                "QA maintenance off");
        assertThat(status.getMessage()).startsWith("platform API still failing after 3 attempts: ").contains("503");
        // the undeploy's outcome stays unknown (Requested): the restore redeploys it all the same
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple(StopEnvironment, "Production", Succeeded),
                        tuple(Undeploy, "Customers", Requested), tuple(Redeploy, "Customers", Succeeded));
        assertThat(platform.maintenanceMode("QA")).isFalse();
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName()).containsExactly("down-plan");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True", "Planned"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "False", "PlatformFailed"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True", "Redeployed"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "True", "PlatformFailed"));
    }

    @Test
    @DisplayName("A step that throws (the API server forbids the copy Job) still ends the run: restored, Failed, said why")
    void stepThatThrowsEndsWithARecordedFailure() {
        harness.create(harness.o11("no-rbac", "Customers"));
        jobs.awaitJob("no-rbac-plan");
        String forbidden = "jobs.batch is forbidden: User \"system:serviceaccount:ops:datamigration-operator\" "
                + "cannot create resource \"jobs\" in API group \"batch\" in the namespace \"refresh\"";
        server.expect().post().withPath("/apis/batch/v1/namespaces/refresh/jobs")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage(forbidden).build())
                .always();
        jobs.finishPlan("no-rbac-plan", plan(app("Customers", 0, entities("Customer", 300))));

        DataMigrationStatus status = harness.awaitPhase("no-rbac", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("Kubernetes API answered 403 Forbidden: " + forbidden);
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True", "Valid"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True", "Planned"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "True", "Quiesced"),
                        org.assertj.core.groups.Tuple.tuple("Copied", "False", "ReconcileError"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True", "Redeployed"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "True", "ReconcileError"));
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(platform.maintenanceMode("QA")).isFalse();
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName()).containsExactly("no-rbac-plan");
        assertThat(harness.eventReasons("no-rbac")).contains("ReconcileError", "AppRedeployed", "Failed");
    }

    @Test
    @DisplayName("spec.cancel mid-copy stops the Jobs, redeploys the target apps and ends Cancelled")
    void cancelDuringCopying() {
        harness.create(harness.o11("cancel-me", "Customers", "Orders"));
        jobs.finishPlan("cancel-me-plan", plan(
                app("Customers", 0, entities("Customer", 300, "Address", 400)),
                app("Orders", 1, entities("Order", 1000))));
        jobs.reportProgress("cancel-me-customers", "Customers", entities("Customer", 300));
        await().atMost(OperatorHarness.STATE_WAIT).until(() -> "1/3".equals(harness.get("cancel-me").getStatus()
                .getProgress()));

        // A merge patch, as kubectl patch sends it: no resourceVersion, so no conflict with the status writes.
        client.resources(DataMigration.class).inNamespace(harness.get("cancel-me").getMetadata().getNamespace())
                .withName("cancel-me").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");

        DataMigrationStatus status = harness.awaitPhase("cancel-me", Phase.Cancelled).getStatus();
        assertThat(jobs.job("cancel-me-customers")).isNull();
        assertThat(jobs.job("cancel-me-orders")).isNull();
        assertThat(status.getApps()).extracting(AppStatus::getPhase)
                .containsExactly(AppPhase.Cancelled, AppPhase.Cancelled);
        assertThat(status.getApps().get(0).getMigratedEntities()).containsExactly("Customer");
        assertThat(status.getMessage()).isEqualTo("Cancelled by spec.cancel");
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance on", "QA maintenance off", "QA maintenance off");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True"),
                        org.assertj.core.groups.Tuple.tuple("Quiesced", "True"),
                        org.assertj.core.groups.Tuple.tuple("Copied", "False"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True"),
                        org.assertj.core.groups.Tuple.tuple("Cancelled", "True"));
    }

    @Test
    @DisplayName("Deleting a running migration stops its Jobs and redeploys the target apps before the finalizer goes")
    void deleteDuringCopying() {
        harness.create(harness.o11("delete-me", "Customers"));
        jobs.finishPlan("delete-me-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.awaitJob("delete-me-customers");
        assertThat(harness.get("delete-me").getMetadata().getFinalizers())
                .containsExactly(DataMigrationReconciler.FINALIZER);

        client.resource(harness.get("delete-me")).delete();

        await().atMost(OperatorHarness.STATE_WAIT).until(() -> harness.get("delete-me") == null);
        assertThat(jobs.job("delete-me-customers")).isNull();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(platform.maintenanceMode("QA")).isFalse();
    }

    @Test
    @DisplayName("A dry run ends Succeeded after the plan, with no platform side effect and no copy Job")
    void dryRun() {
        DataMigration migration = harness.o11("dry", "Customers", "Orders");
        migration.getSpec().setDryRun(true);
        harness.create(migration);
        jobs.finishPlan("dry-plan", plan(
                app("Customers", 0, entities("Customer", 300)),
                app("Orders", 1, entities("Order", 1000))));

        DataMigrationStatus status = harness.awaitPhase("dry", Phase.Succeeded).getStatus();
        assertThat(platform.sideEffects()).isEmpty();
        assertThat(jobs.jobs()).extracting(job -> job.getMetadata().getName()).containsExactly("dry-plan");
        assertThat(status.getMessage()).isEqualTo("Dry run: Planned 2 apps, 2 entities, about 1300 rows");
        assertThat(status.getProgress()).isEqualTo("0/2");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "True"),
                        org.assertj.core.groups.Tuple.tuple("Planned", "True"),
                        org.assertj.core.groups.Tuple.tuple("Complete", "True"));
        assertThat(platform.maintenanceMode("Production")).isFalse();
    }

    @Test
    @DisplayName("Every validation problem is listed at once; nothing is stopped, undeployed or started")
    void invalidEnvironment() {
        harness.secret("broken-writer", Map.of("username", "writer"));
        DataMigration migration = harness.o11("invalid", "Customers", "Reports", "Ghost");
        migration.getSpec().getTarget().getDatabase().setCredentialsSecret("broken-writer");
        migration.getSpec().getSource().getDatabase().setCredentialsSecret("missing-secret");
        migration.getSpec().getTarget().setEnvironment("Staging");
        MaskingRule rule = new MaskingRule();
        rule.setApp("Customers");
        rule.setEntity("Customer");
        rule.setAttribute("Email");
        migration.getSpec().setMasking(List.of(rule));
        migration.getSpec().setMaskingKeySecret("short-key");
        harness.secret("short-key", Map.of("key", "only 12 bytes"));
        harness.create(migration);

        DataMigrationStatus status = harness.awaitPhase("invalid", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("5 problems: "
                + "Secret missing-secret (spec.source.database.credentialsSecret) does not exist; "
                + "Secret broken-writer (spec.target.database.credentialsSecret) has no key password; "
                + "Secret short-key (spec.maskingKeySecret): the masking key has 13 bytes; at least 16 are needed"
                + " (e.g. openssl rand -base64 32); "
                + "app Ghost is unknown in source environment Production; "
                + "target environment Staging is unknown to the platform API");
        assertThat(platform.sideEffects()).isEmpty();
        assertThat(jobs.jobs()).isEmpty();
    }

    @Test
    @DisplayName("Unknown environment and apps, target apps not deployed: all reported, nothing done")
    void invalidPlatformState() {
        DataMigration migration = harness.o11("unknowns", "Customers", "Reports", "Ghost");
        harness.create(migration);

        DataMigrationStatus status = harness.awaitPhase("unknowns", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("3 problems: "
                + "app Ghost is unknown in source environment Production; "
                + "app Reports is not in target environment QA: publish and deploy it first; "
                + "app Ghost is not in target environment QA: publish and deploy it first");
        assertThat(platform.sideEffects()).isEmpty();
        assertThat(jobs.jobs()).isEmpty();
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Validated", "False", "Invalid"),
                        org.assertj.core.groups.Tuple.tuple("Restored", "True", "NothingToRestore"),
                        org.assertj.core.groups.Tuple.tuple("Failed", "True", "Invalid"));

        DataMigration staging = harness.o11("no-env", "Customers");
        staging.getSpec().getTarget().setEnvironment("Staging");
        harness.create(staging);
        assertThat(harness.awaitPhase("no-env", Phase.Failed).getStatus().getMessage())
                .isEqualTo("1 problem: target environment Staging is unknown to the platform API");
    }

    @Test
    @DisplayName("Spec rules: every problem listed in the Validated condition")
    void invalidSpec() {
        DataMigration migration = harness.o11("bad-spec", "Customers");
        migration.getSpec().getSource().getDatabase().setUrl("jdbc:mysql://prod/outsystems");
        migration.getSpec().setExistingData(dev.datamigration.api.v1alpha1.ExistingData.Append);
        migration.getSpec().setIdentity(dev.datamigration.api.v1alpha1.IdentityMode.Remap);
        harness.create(migration);

        DataMigrationStatus status = harness.awaitPhase("bad-spec", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("3 problems: "
                + "spec.source.database.url must be a JDBC URL starting with jdbc:sqlserver:, jdbc:oracle: or "
                + "jdbc:postgresql:; "
                + "spec.existingData Append is not supported yet: use Replace; "
                + "spec.identity Remap is not supported yet: use Preserve");
        assertThat(platform.sideEffects()).isEmpty();
    }

    @Test
    @DisplayName("A spec edited after the start (no CEL on this API server) stops the run: Failed, targets restored")
    void specChangedAfterStart() {
        harness.create(harness.o11("edited", "Customers"));
        jobs.finishPlan("edited-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.awaitJob("edited-customers");

        editSpec("edited", spec -> spec.setParallelism(5));

        DataMigrationStatus status = harness.awaitPhase("edited", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("The spec was changed after the run started; the run stops: "
                + "create a new DataMigration for a new run");
        assertThat(jobs.job("edited-customers")).isNull();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "QA maintenance on",
                "QA maintenance off");
    }

    /**
     * Changes a spec as {@code kubectl edit} does: read, change, write, and again when the operator wrote the object
     * (its status) in between (409 Conflict).
     */
    private void editSpec(String name, Consumer<DataMigrationSpec> change) {
        for (int attempt = 1; ; attempt++) {
            DataMigration current = harness.get(name);
            change.accept(current.getSpec());
            try {
                client.resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    @DisplayName("A failed plan Job fails the run with the plan's message; nothing was quiesced")
    void planFails() {
        harness.create(harness.o11("bad-plan", "Customers"));
        jobs.failPlan("bad-plan-plan", "mandatory reference cycle: Order -> OrderLine -> Order");
        DataMigrationStatus status = harness.awaitPhase("bad-plan", Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo("Plan failed: mandatory reference cycle: Order -> OrderLine -> Order");
        assertThat(platform.sideEffects()).isEmpty();
    }

    @Test
    @DisplayName("A terminal phase is never left, and an idle migration is not patched again")
    void terminalIsFinal() {
        DataMigration migration = harness.o11("final", "Customers");
        migration.getSpec().setDryRun(true);
        harness.create(migration);
        jobs.finishPlan("final-plan", plan(app("Customers", 0, entities("Customer", 300))));
        DataMigration done = harness.awaitPhase("final", Phase.Succeeded);

        // A merge patch, as kubectl patch sends it: no resourceVersion, so no conflict with a late status write (which
        // the resourceVersion check below would still catch).
        client.resources(DataMigration.class).inNamespace(done.getMetadata().getNamespace()).withName("final")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> true);
        String version = harness.get("final").getMetadata().getResourceVersion();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        DataMigration after = harness.get("final");
        assertThat(after.getSpec().getCancel()).isTrue();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(after.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(after.getStatus().getConditions()).isEqualTo(done.getStatus().getConditions());
        assertThat(after.getStatus().getObservedGeneration()).isEqualTo(done.getStatus().getObservedGeneration());
    }
}

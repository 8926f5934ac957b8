package dev.datamigration.controller;

import static dev.datamigration.controller.testing.JobPlayer.app;
import static dev.datamigration.controller.testing.JobPlayer.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.testing.InMemoryPlatform;
import dev.datamigration.controller.testing.JobPlayer;
import dev.datamigration.controller.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DataMigrationOperatorTest {

    KubernetesClient client;
    InMemoryPlatform platform;
    OperatorHarness harness;
    JobPlayer jobs;

    @BeforeEach
    void setUp() {
        platform = new InMemoryPlatform()
                .environment("Production", "Customers", "Orders", "Billing")
                .environment("QA", "Customers", "Orders", "Billing");
        harness = new OperatorHarness(client, platform).standardSecrets().start();
        jobs = new JobPlayer(client, OperatorHarness.NAMESPACE);
    }

    @AfterEach
    void tearDown() {
        harness.close();
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
        harness.create(OperatorHarness.migration("prod-to-qa", "Orders", "Customers"));
        jobs.finishPlan("prod-to-qa-plan", plan(
                app("Orders", 1, entities("Order", 1000, "OrderLine", 5000)),
                app("Customers", 0, entities("Customer", 300, "Address", 400, "Segment", 5))));

        jobs.succeedCopy("prod-to-qa-customers", "Customers", entities("Customer", 300, "Address", 400, "Segment", 5));
        jobs.succeedCopy("prod-to-qa-orders", "Orders", entities("Order", 1000, "OrderLine", 5000));

        DataMigration done = harness.awaitPhase("prod-to-qa", Phase.Succeeded);
        assertThat(platform.calls()).containsExactly(
                "stop Production",
                "undeploy QA/Customers",
                "undeploy QA/Orders",
                "redeploy QA/Customers",
                "redeploy QA/Orders");
        DataMigrationStatus status = done.getStatus();
        assertThat(status.getProgress()).isEqualTo("5/5");
        assertThat(status.getEntities().getTotal()).isEqualTo(5);
        assertThat(status.getEntities().getMigrated()).isEqualTo(5);
        assertThat(status.getEntities().getFailed()).isZero();
        assertThat(status.getRows().getCopied()).isEqualTo(6705L);
        assertThat(status.getRows().getEstimated()).isEqualTo(6705L);
        assertThat(status.getSource().getStopRequested()).isTrue();
        assertThat(status.getSource().getEnvironmentStopped()).isTrue();
        assertThat(status.getTarget().getUndeployRequested()).containsExactly("Customers", "Orders");
        assertThat(status.getTarget().getUndeployedApps()).containsExactly("Customers", "Orders");
        assertThat(status.getTarget().getRedeployedApps()).containsExactly("Customers", "Orders");
        assertThat(status.getTarget().getOperations()).isNull();
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
        assertThat(platform.isStopped("Production")).isTrue();
        assertThat(platform.isDeployed("QA", "Orders")).isTrue();
        assertThat(harness.eventReasons("prod-to-qa")).contains("Accepted", "Validated", "PlanJobCreated", "Planned",
                "StoppingSource", "SourceStopped", "UndeployingApp", "AppUndeployed", "CopyJobCreated", "AppCopied",
                "Copied", "RedeployingApp", "AppRedeployed", "Succeeded");
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.CopierSpec;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * O11 -> O11 with StopEnvironment and UndeployApps: QA refreshed from Production, exactly, in the right order, with
 * each copy Job loading up to two entities at once (spec.copier.concurrentEntities).
 */
class HappyPathTest {

    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_happy");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("Stop Production, undeploy QA apps, copy three apps with the real copier, redeploy: Succeeded")
    void refreshesQaFromProduction() throws Exception {
        DataMigration migration = e2e.migration("prod-to-qa", "Catalog", "Customers", "Orders");
        CopierSpec copier = new CopierSpec();
        copier.setConcurrentEntities(2);
        migration.getSpec().setCopier(copier);
        e2e.create(migration);

        DataMigrationStatus status = e2e.awaitPhase("prod-to-qa", Phase.Succeeded).getStatus();

        ExpectedOutcome expected = e2e.factory().expected(APPS, UnmatchedUserPolicy.FAIL);
        e2e.assertQaHolds(expected);
        e2e.assertProductionUnchanged(expected);

        // O11 has no per-app undeploy: each undeploy puts QA into maintenance mode, each redeploy takes it out.
        assertThat(e2e.sideEffects()).containsExactly(
                "Production maintenance on",
                "QA maintenance on", "QA maintenance on", "QA maintenance on",
                "QA maintenance off", "QA maintenance off", "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("Production")).isTrue();
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();

        List<ExpectedEntity> copied = expected.copiedEntities();
        long rows = copied.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        int entities = copied.size();
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase, AppStatus::getJob,
                        AppStatus::getRows, AppStatus::getMessage)
                .containsExactly(
                        tuple("Catalog", AppPhase.Succeeded, "prod-to-qa-catalog", rowsOf(copied, "Catalog"), null),
                        tuple("Customers", AppPhase.Succeeded, "prod-to-qa-customers", rowsOf(copied, "Customers"),
                                null),
                        tuple("Orders", AppPhase.Succeeded, "prod-to-qa-orders", rowsOf(copied, "Orders"), null));
        for (AppStatus app : status.getApps()) {
            assertThat(app.getMigratedEntities()).as("migrated entities of %s", app.getName())
                    .containsExactlyInAnyOrderElementsOf(expected.plannedEntities(app.getName()));
            assertThat(app.getEntities().getMigrated()).isEqualTo(expected.plannedEntities(app.getName()).size());
            assertThat(app.getEntities().getTotal()).isEqualTo(expected.plannedEntities(app.getName()).size());
            assertThat(app.getEntities().getFailed()).isZero();
        }
        assertThat(status.getEntities().getTotal()).isEqualTo(entities);
        assertThat(status.getEntities().getMigrated()).isEqualTo(entities);
        assertThat(status.getEntities().getFailed()).isZero();
        assertThat(status.getRows().getCopied()).isEqualTo(rows);
        assertThat(status.getProgress()).isEqualTo(entities + "/" + entities);
        assertThat(status.getMessage()).isEqualTo("Copied 3 apps: " + entities + " entities, " + rows + " rows");
        assertThat(status.getCompletedAt()).isNotNull();
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(
                        tuple(PlatformAction.StopEnvironment, "Production", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Catalog", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Customers", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Orders", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Catalog", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Customers", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Redeploy, "Orders", PlatformOperationState.Succeeded));
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "True", "Copied"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Complete", "True", "Succeeded"));

        assertThat(e2e.eventReasons("prod-to-qa")).contains("Accepted", "Validated", "PlanJobCreated", "Planned",
                "StoppingSource", "SourceStopped", "UndeployingApp", "AppUndeployed", "CopyJobCreated", "AppCopied",
                "Copied", "RedeployingApp", "AppRedeployed", "Succeeded");
        assertThat(e2e.jobNames()).containsExactly("prod-to-qa-catalog", "prod-to-qa-customers", "prod-to-qa-orders",
                "prod-to-qa-plan");
        for (String job : e2e.jobNames()) {
            assertThat(e2e.job(job).getStatus().getSucceeded()).as("succeeded pods of %s", job).isEqualTo(1);
            assertThat(e2e.job(job).getStatus().getFailed()).as("failed pods of %s", job).isNull();
        }

        String everythingWritten = Serialization.asJson(e2e.get("prod-to-qa"))
                + Serialization.asJson(e2e.events("prod-to-qa"))
                + Serialization.asJson(e2e.client().batch().v1().jobs().inNamespace(E2eCluster.NAMESPACE).list())
                + Serialization.asJson(e2e.client().configMaps().inNamespace(E2eCluster.NAMESPACE).list());
        assertThat(everythingWritten).doesNotContain(E2eCluster.LT_TOKEN);
    }

    private static long rowsOf(List<ExpectedEntity> copied, String app) {
        return copied.stream().filter(e -> e.app().equals(app)).mapToLong(ExpectedEntity::sourceRows).sum();
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.simulator.FaultRule;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform API answering 5xx or not answering in time, injected into the simulator: the real LifeTime client
 * and the operator retry; a failure that persists fails the run clearly and never leaves a target app undeployed.
 */
class PlatformFaultsTest {

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_faults");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("503s on the stop and a timeout on the undeploy are retried; the run succeeds")
    void transientFaultsAreRetried() throws Exception {
        e2e.simulator().faults().add(FaultRule.error(E2eCluster.PRODUCTION_MAINTENANCE, 503, 2).forMethod("PUT"));
        // held longer than the client's 3 s request timeout, then answered 504 without being handled
        e2e.simulator().faults().add(FaultRule.timeout(E2eCluster.QA_MAINTENANCE, 4_000, 1).forMethod("PUT"));
        e2e.create(e2e.migration("flaky", "Catalog"));

        DataMigrationStatus status = e2e.awaitPhase("flaky", Phase.Succeeded).getStatus();

        e2e.assertQaHolds(e2e.factory().expected(List.of("Catalog"), UnmatchedUserPolicy.FAIL));
        // Two HTTP attempts per call: the stop fails twice (one operator attempt), then succeeds on the retry; the
        // timed-out undeploy is retried by the client within the same call.
        assertThat(e2e.sideEffects()).containsExactly(
                "503 Production maintenance on", "503 Production maintenance on", "Production maintenance on",
                "504 QA maintenance on", "QA maintenance on",
                "QA maintenance off");
        assertThat(e2e.eventReasons("flaky")).contains("PlatformRetry", "SourceStopped", "AppUndeployed",
                "AppRedeployed", "Succeeded");
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus)
                .containsExactly(tuple("Validated", "True"), tuple("Planned", "True"), tuple("Quiesced", "True"),
                        tuple("Copied", "True"), tuple("Restored", "True"), tuple("Complete", "True"));
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
    }

    @Test
    @DisplayName("Undeploy calls that keep timing out fail the run; the undeploy that did happen is redeployed")
    void persistentTimeoutsNeverStrandAnUndeploy() throws Exception {
        ExpectedOutcome oracle = e2e.factory().expected(List.of("Catalog"), UnmatchedUserPolicy.FAIL);
        Map<String, List<Map<String, Object>>> qaBefore = e2e.readQa(oracle.tables());
        // Every undeploy is carried out by LifeTime, but only after the client gave up waiting: the operator never
        // learns that QA went into maintenance mode.
        e2e.simulator().faults().add(FaultRule.latency(E2eCluster.QA_MAINTENANCE, 4_000, null).forMethod("PUT"));
        e2e.create(e2e.migration("stuck", "Catalog"));

        e2e.awaitPhase("stuck", Phase.Restoring);
        assertThat(e2e.simulator().maintenanceMode("QA")).isTrue();
        e2e.simulator().faults().clear(); // the platform recovers while the operator retries the redeploy
        DataMigrationStatus status = e2e.awaitPhase("stuck", Phase.Failed).getStatus();

        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        List<String> effects = e2e.sideEffects();
        assertThat(effects.get(0)).isEqualTo("Production maintenance on");
        // 3 operator attempts, each with up to 2 HTTP attempts: how many of the client's second attempts start
        // before a slow first one times out depends on the machine's load, so the count is bounded, not exact.
        assertThat(effects.stream().filter(e -> e.endsWith("QA maintenance on")).count()).isBetween(3L, 6L);
        assertThat(effects.get(effects.size() - 1)).isEqualTo("QA maintenance off");
        assertThat(status.getMessage()).startsWith("platform API still failing after 3 attempts: ");
        // the undeploy's outcome stayed unknown to the operator (Requested); the restore redeployed it anyway
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(
                        tuple(PlatformAction.StopEnvironment, "Production", PlatformOperationState.Succeeded),
                        tuple(PlatformAction.Undeploy, "Catalog", PlatformOperationState.Requested),
                        tuple(PlatformAction.Redeploy, "Catalog", PlatformOperationState.Succeeded));
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "False", "PlatformFailed"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Failed", "True", "PlatformFailed"));
        assertThat(e2e.jobNames()).containsExactly("stuck-plan");
        assertThat(e2e.readQa(oracle.tables())).isEqualTo(qaBefore);
        e2e.assertProductionUnchanged(oracle);
        assertThat(e2e.eventReasons("stuck")).contains("PlatformRetry", "PlatformFailed", "AppRedeployed", "Failed");
    }
}

package dev.datamigration.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.controller.events.EventRecorder;
import dev.datamigration.controller.status.ConditionType;
import dev.datamigration.controller.status.Conditions;
import dev.datamigration.controller.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error path on its own: what a step that throws leaves in the run's conditions, and the events it writes (to the
 * CRUD mock API server). The whole operator going through it is in DataMigrationOperatorTest.
 */
@EnableKubernetesMockClient(crud = true)
class StepFailuresTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    KubernetesClient client;
    RunServices services;

    @BeforeEach
    void setUp() {
        // only the events, the settings and the retry counters take part in the error path
        services = new RunServices(null, null, null, null,
                new EventRecorder(client, Clock.fixed(NOW, ZoneOffset.UTC)), null, OperatorHarness.SETTINGS,
                new PlatformRetries());
    }

    /** A run of prod-to-qa in the given phase: the steps before it True, its own step Unknown (if it has one yet). */
    private static MigrationRun runIn(ConditionType... done) {
        DataMigration migration = OperatorHarness.migration("prod-to-qa", "Orders");
        migration.getMetadata().setUid("uid-1");
        migration.getMetadata().setGeneration(1L);
        migration.setStatus(new DataMigrationStatus());
        MigrationRun run = new MigrationRun(migration, NOW);
        for (ConditionType condition : done) {
            run.set(condition, Conditions.TRUE, "Done", condition + " done");
        }
        return run;
    }

    private Optional<Event> event(String reason) {
        return client.v1().events().inNamespace("refresh").list().getItems().stream()
                .filter(event -> reason.equals(event.getReason())).findFirst();
    }

    private static KubernetesClientException apiError(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    @DisplayName("A bug in a step ends that step False with the error, and the run goes on to Restoring")
    void unexpectedException() {
        MigrationRun run = runIn(ConditionType.Validated, ConditionType.Planned, ConditionType.Quiesced);
        run.set(ConditionType.Copied, Conditions.UNKNOWN, "CopyJobsRunning", "Wave 0: 1 Jobs running");

        StepResult result = StepFailures.record(run, services, PhaseTable.step(Phase.Copying),
                new IllegalStateException("progress.json of Job prod-to-qa-orders names no app"));

        assertThat(result.proceeds()).isTrue();
        Condition copied = run.conditions().get(ConditionType.Copied).orElseThrow();
        assertThat(copied.getStatus()).isEqualTo("False");
        assertThat(copied.getReason()).isEqualTo("ReconcileError");
        assertThat(copied.getMessage())
                .isEqualTo("IllegalStateException: progress.json of Job prod-to-qa-orders names no app");
        assertThat(run.phase()).isEqualTo(Phase.Restoring);
        assertThat(event("ReconcileError").map(Event::getMessage)).contains(copied.getMessage());
    }

    @Test
    @DisplayName("A Kubernetes API failure that may pass is retried with back-off, then fails the step")
    void transientApiFailureRetried() {
        MigrationRun run = runIn(ConditionType.Validated);
        Step plan = PhaseTable.step(Phase.Planning);
        KubernetesClientException unavailable = apiError(503, "etcdserver: leader changed");

        StepResult first = StepFailures.record(run, services, plan, unavailable);
        assertThat(first.recheckAfter()).contains(Duration.ofMillis(50));
        assertThat(run.conditions().get(ConditionType.Planned).orElseThrow())
                .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
                .containsExactly("Unknown", "KubernetesRetry",
                        "Retrying (attempt 1 of 3): Kubernetes API answered 503: "
                                + "etcdserver: leader changed");
        assertThat(run.phase()).isEqualTo(Phase.Planning);
        assertThat(event("KubernetesRetry").map(Event::getMessage))
                .contains("Kubernetes API answered 503: etcdserver: leader changed");

        assertThat(StepFailures.record(run, services, plan, unavailable).recheckAfter())
                .contains(Duration.ofMillis(100));
        StepResult last = StepFailures.record(run, services, plan, unavailable);

        assertThat(last.proceeds()).isTrue();
        assertThat(run.conditions().get(ConditionType.Planned).orElseThrow())
                .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
                .containsExactly("False", "ReconcileError",
                        "Still failing after 3 attempts: Kubernetes API answered 503: "
                                + "etcdserver: leader changed");
        assertThat(run.phase()).isEqualTo(Phase.Restoring);
    }

    @Test
    @DisplayName("A step that returns normally starts its error attempts again from zero")
    void attemptsClearedBySuccess() {
        MigrationRun run = runIn(ConditionType.Validated);
        Step plan = PhaseTable.step(Phase.Planning);
        StepFailures.record(run, services, plan, apiError(500, "internal error"));
        StepFailures.record(run, services, plan, apiError(500, "internal error"));
        StepFailures.cleared(run, services, plan);

        StepFailures.record(run, services, plan, apiError(500, "internal error"));

        assertThat(run.conditions().get(ConditionType.Planned).orElseThrow().getMessage())
                .isEqualTo("Retrying (attempt 1 of 3): Kubernetes API answered 500: "
                        + "internal error");
    }

    @Test
    @DisplayName("A refusal that will not pass (403) fails the step at once")
    void forbiddenNotRetried() {
        MigrationRun run = runIn(ConditionType.Validated);
        String forbidden = "jobs.batch is forbidden: User \"system:serviceaccount:ops:datamigration-operator\" "
                + "cannot create resource \"jobs\" in API group \"batch\" in the namespace \"refresh\"";

        StepResult result = StepFailures.record(run, services, PhaseTable.step(Phase.Planning),
                apiError(403, forbidden));

        assertThat(result.proceeds()).isTrue();
        assertThat(run.conditions().get(ConditionType.Planned).orElseThrow())
                .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
                .containsExactly("False", "ReconcileError", "Kubernetes API answered 403: " + forbidden);
    }

    @Test
    @DisplayName("The restore step failing after its redeploys were settled ends the run Failed at once")
    void restoreFailsWhileConcluding() {
        MigrationRun run = runIn(ConditionType.Validated, ConditionType.Planned, ConditionType.Quiesced,
                ConditionType.Copied, ConditionType.Restored);
        assertThat(run.phase()).isEqualTo(Phase.Restoring);

        StepResult result = StepFailures.record(run, services, PhaseTable.step(Phase.Restoring),
                new NullPointerException("no Copied message"));

        assertThat(result.proceeds()).isTrue();
        assertThat(run.conditions().get(ConditionType.Failed).orElseThrow())
                .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
                .containsExactly("True", "ReconcileError", "Restore failed: NullPointerException: no Copied message");
        assertThat(run.conditions().isTrue(ConditionType.Restored)).isTrue();
        assertThat(run.phase()).isEqualTo(Phase.Failed);
    }
}

package dev.datamigration.controller.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.controller.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

    KubernetesClient client;

    @Test
    @DisplayName("Events have deterministic names; the same event again bumps count and lastTimestamp")
    void dedupes() {
        DataMigration migration = OperatorHarness.migration("prod-to-qa", "Orders");
        migration.getMetadata().setUid("uid-7");
        EventRecorder first = new EventRecorder(client, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"),
                ZoneOffset.UTC));
        EventRecorder later = new EventRecorder(client, Clock.fixed(Instant.parse("2026-03-01T10:05:00Z"),
                ZoneOffset.UTC));
        first.warning(migration, "PlatformRetry", "undeploy: HTTP 503");
        later.warning(migration, "PlatformRetry", "undeploy: HTTP 503");
        first.normal(migration, "Validated", "Spec, Secrets and platform checked");

        List<Event> events = client.v1().events().inNamespace("refresh").list().getItems();
        assertThat(events).hasSize(2);
        Event retry = client.v1().events().inNamespace("refresh")
                .withName(EventRecorder.name(migration, "PlatformRetry", "undeploy: HTTP 503")).get();
        assertThat(retry.getMetadata().getName()).startsWith("prod-to-qa.");
        assertThat(retry.getType()).isEqualTo("Warning");
        assertThat(retry.getCount()).isEqualTo(2);
        assertThat(retry.getFirstTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(retry.getLastTimestamp()).isEqualTo("2026-03-01T10:05:00Z");
        assertThat(retry.getInvolvedObject().getKind()).isEqualTo("DataMigration");
        assertThat(retry.getInvolvedObject().getUid()).isEqualTo("uid-7");
        assertThat(retry.getReportingComponent()).isEqualTo("datamigration-operator");
    }
}

package dev.datamigration.job.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.MigrationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared ledger of end user creation: one holder at a time, a stale holder taken over, a stale write refused. */
@EnableKubernetesMockClient(crud = true)
class ConfigMapUserLedgerTest {

    static KubernetesClient client;

    private ConfigMapUserLedger ledger(String name, Duration lease, Duration maxWait) {
        return new ConfigMapUserLedger(client, "refresh", name, "to-odc", lease, Duration.ofMillis(20), maxWait,
                Clock.systemUTC(), List.of(new OwnerReferenceBuilder().withApiVersion("datamigration.dev/v1alpha1")
                        .withKind("DataMigration").withName("to-odc").withUid("uid-1").withController(true).build()));
    }

    @Test
    void aSecondJobWaitsWhileTheFirstHoldsAndThenSeesItsCount() throws Exception {
        try (UserLedger.Held first = ledger("held", Duration.ofMinutes(2), Duration.ofSeconds(1)).acquire()) {
            first.addCreated(3);
            assertThatThrownBy(() -> ledger("held", Duration.ofMinutes(2), Duration.ofMillis(200)).acquire())
                    .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isFalse())
                    .hasMessage("waited 0 s for the end users ledger ConfigMap held, still held by another copy Job"
                            + " of migration to-odc");
        }
        try (UserLedger.Held second = ledger("held", Duration.ofMinutes(2), Duration.ofSeconds(1)).acquire()) {
            assertThat(second.created()).isEqualTo(3);
        }
    }

    @Test
    void aHolderThatStoppedRenewingIsTakenOverAndCannotWriteAnyMore() throws Exception {
        UserLedger.Held crashed = ledger("stale", Duration.ofMillis(50), Duration.ofSeconds(1)).acquire();
        crashed.setPendingOperation("op-1");
        Thread.sleep(100);

        try (UserLedger.Held next = ledger("stale", Duration.ofMinutes(2), Duration.ofSeconds(1)).acquire()) {
            assertThat(next.pendingOperation()).isEqualTo("op-1");
            assertThatThrownBy(() -> crashed.addCreated(1)).isInstanceOf(MigrationException.class)
                    .hasMessage("the end users ledger ConfigMap stale was taken over by another copy Job of migration"
                            + " to-odc (this Job did not renew it in time)");
            next.setPendingOperation(null);
        }
        ConfigMap cm = client.configMaps().inNamespace("refresh").withName("stale").get();
        assertThat(cm.getMetadata().getOwnerReferences()).extracting(o -> o.getKind() + "/" + o.getName())
                .containsExactly("DataMigration/to-odc");
        assertThat(cm.getData()).containsEntry("created", "0").containsEntry("holder", "")
                .containsEntry("pendingOperation", "");
    }

    @Test
    void anExistingLedgerKeepsItsCount() throws Exception {
        client.configMaps().inNamespace("refresh").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("existing").endMetadata().addToData("created", "7").build()).create();
        try (UserLedger.Held held = ledger("existing", Duration.ofMinutes(2), Duration.ofSeconds(1)).acquire()) {
            held.addCreated(2);
            assertThat(held.created()).isEqualTo(9);
        }
    }
}

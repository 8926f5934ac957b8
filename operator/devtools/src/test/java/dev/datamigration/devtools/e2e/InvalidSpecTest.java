package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs the operator must refuse before it touches anything, checked through the real Secrets in the API server and
 * the real LifeTime client against the simulator: every problem listed at once, no platform call that changes
 * anything, no Job, no ConfigMap, no row written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidSpecTest {

    E2eCluster e2e;
    ExpectedOutcome oracle;
    Map<String, List<Map<String, Object>>> qaBefore;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.matchedUsersFactory(), "e2e_invalid");
        oracle = e2e.factory().expected(e2e.factory().apps(), UnmatchedUserPolicy.FAIL);
        qaBefore = e2e.readQa(oracle.tables());
    }

    @AfterAll
    void stop() throws Exception {
        e2e.close();
    }

    private void assertNothingDone() throws Exception {
        assertThat(e2e.sideEffects()).isEmpty();
        assertThat(e2e.calls()).allSatisfy(call -> assertThat(call.method()).isEqualTo("GET"));
        assertThat(e2e.jobNames()).isEmpty();
        assertThat(e2e.client().configMaps().inNamespace(E2eCluster.NAMESPACE).list().getItems()).isEmpty();
        assertThat(e2e.readQa(oracle.tables())).isEqualTo(qaBefore);
        assertThat(e2e.simulator().maintenanceMode("Production")).isFalse();
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
    }

    @Test
    @DisplayName("A missing Secret key, an unknown environment and an unknown app: all listed, nothing done")
    void secretsAndEnvironment() throws Exception {
        e2e.secret("qa-without-password", Map.of("username", "writer"));
        DataMigration migration = e2e.migration("bad-env", "Catalog", "Ghost");
        migration.getSpec().getTarget().getDatabase().setCredentialsSecret("qa-without-password");
        migration.getSpec().getTarget().setEnvironment("Staging");
        e2e.create(migration);

        String message = e2e.awaitPhase("bad-env", Phase.Failed).getStatus().getMessage();
        assertThat(message).isEqualTo("3 problems: "
                + "Secret qa-without-password (spec.target.database.credentialsSecret) has no key password; "
                + "app Ghost is unknown in source environment Production; "
                + "target environment Staging is unknown to the platform API");
        assertNothingDone();
    }

    @Test
    @DisplayName("Apps unknown in the source or not deployed in the target: all listed, nothing done")
    void appsNotDeployed() throws Exception {
        e2e.create(e2e.migration("bad-apps", "Catalog", "Reports", "Ghost"));

        String message = e2e.awaitPhase("bad-apps", Phase.Failed).getStatus().getMessage();
        assertThat(message).isEqualTo("3 problems: "
                + "app Ghost is unknown in source environment Production; "
                + "app Reports is not in target environment QA: publish and deploy it first; "
                + "app Ghost is not in target environment QA: publish and deploy it first");
        assertNothingDone();
    }

    @Test
    @DisplayName("Spec shape: the target is the source database and an app is named twice")
    void specShape() throws Exception {
        DataMigration migration = e2e.migration("bad-shape", "Catalog", "Catalog");
        migration.getSpec().getTarget().getDatabase().setUrl(e2e.databases().productionUrl());
        e2e.create(migration);

        String message = e2e.awaitPhase("bad-shape", Phase.Failed).getStatus().getMessage();
        assertThat(message).isEqualTo("2 problems: "
                + "spec.source.database.url and spec.target.database.url are the same database; "
                + "spec.apps names Catalog twice");
        assertNothingDone();
    }
}

package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import dev.datamigration.fixtures.o11.ExpectedFailure;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One app's copy fails permanently (a Production user its rows reference has no QA counterpart, users.unmatched
 * Fail): the apps of earlier waves keep their copy, the target is restored, and the run fails naming app and cause.
 */
class AppFailureTest {

    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");

    @TempDir
    Path dir;
    E2eCluster e2e;

    @BeforeEach
    void start() throws Exception {
        e2e = E2eCluster.start(dir, E2eCluster.factoryWithUnmatchedUser(), "e2e_fail");
    }

    @AfterEach
    void stop() throws Exception {
        e2e.close();
    }

    @Test
    @DisplayName("Orders fails for good on an unmatched user: Catalog and Customers copied, QA redeployed, Failed")
    void appFailsPermanently() throws Exception {
        e2e.create(e2e.migration("with-ghost", "Catalog", "Customers", "Orders"));

        DataMigrationStatus status = e2e.awaitPhase("with-ghost", Phase.Failed).getStatus();

        ExpectedOutcome expected = e2e.factory().expected(APPS, UnmatchedUserPolicy.FAIL);
        assertThat(expected.failedApps()).containsExactly("Orders");
        ExpectedFailure failure = expected.failures().get(0);
        // Catalog and Customers hold Production's rows, Orders' QA tables are as they were, Production is untouched.
        e2e.assertQaHolds(expected);
        e2e.assertProductionUnchanged(expected);

        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getPhase)
                .containsExactly(tuple("Catalog", AppPhase.Succeeded), tuple("Customers", AppPhase.Succeeded),
                        tuple("Orders", AppPhase.Failed));
        // The copier checks the users of the whole app before it writes anything; the cause names the user, its
        // tenant and the entity attributes that reference it.
        String cause = "users referenced by Orders have no target user with the same username and tenant: "
                + "ghost.user (tenant Users) in Order.CreatedBy (create them in the target, or set users.unmatched:"
                + " SetNull)";
        assertThat(cause).contains(failure.mentions()).contains(failure.entity() + "." + failure.attribute());
        AppStatus orders = status.getApps().get(2);
        assertThat(orders.getMessage()).isEqualTo(cause);
        assertThat(orders.getMigratedEntities()).isEmpty();
        assertThat(orders.getRows()).isZero();
        assertThat(status.getMessage()).isEqualTo("App Orders failed: " + cause);
        int planned = APPS.stream().mapToInt(app -> expected.plannedEntities(app).size()).sum();
        int migrated = expected.plannedEntities("Catalog").size() + expected.plannedEntities("Customers").size();
        assertThat(status.getProgress()).isEqualTo(migrated + "/" + planned);
        assertThat(status.getEntities().getFailed()).isZero();
        assertThat(e2e.job("with-ghost-orders").getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("PodFailurePolicy"));
        assertThat(e2e.attempts("with-ghost-orders")).isEqualTo(1);
        assertThat(e2e.sideEffects()).containsExactly(
                "Production maintenance on",
                "QA maintenance on", "QA maintenance on", "QA maintenance on",
                "QA maintenance off", "QA maintenance off", "QA maintenance off");
        assertThat(e2e.simulator().maintenanceMode("QA")).isFalse();
        assertThat(status.getOperations()).filteredOn(operation -> operation.getAction() == PlatformAction.Redeploy)
                .extracting(PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple("Catalog", PlatformOperationState.Succeeded),
                        tuple("Customers", PlatformOperationState.Succeeded),
                        tuple("Orders", PlatformOperationState.Succeeded));
        assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
                .containsExactly(
                        tuple("Validated", "True", "Valid"),
                        tuple("Planned", "True", "Planned"),
                        tuple("Quiesced", "True", "Quiesced"),
                        tuple("Copied", "False", "AppFailed"),
                        tuple("Restored", "True", "Redeployed"),
                        tuple("Failed", "True", "AppFailed"));
        assertThat(e2e.eventReasons("with-ghost")).contains("AppCopied", "AppCopyFailed", "AppFailed",
                "AppRedeployed", "Failed");
    }
}

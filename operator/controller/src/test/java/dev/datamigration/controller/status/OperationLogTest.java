package dev.datamigration.controller.status;

import static dev.datamigration.api.v1alpha1.PlatformAction.Redeploy;
import static dev.datamigration.api.v1alpha1.PlatformAction.StopEnvironment;
import static dev.datamigration.api.v1alpha1.PlatformAction.Undeploy;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Failed;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Requested;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Running;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.PlatformOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperationLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.400Z");
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:05Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:09Z");

    @Test
    @DisplayName("Entries in request order; the time changes only with the state, the key stays once known")
    void lifecycle() {
        List<PlatformOperation> list = new ArrayList<>();
        OperationLog log = new OperationLog(list);
        log.request(StopEnvironment, "Production", T0);
        PlatformOperation orders = log.request(Undeploy, "Orders", T0);

        log.running(orders, "op-1", T1);
        log.running(orders, "op-1", T2); // polled again: nothing changes
        assertThat(orders).extracting(PlatformOperation::getState, PlatformOperation::getOperationKey,
                PlatformOperation::getTime).containsExactly(Running, "op-1", "2026-03-01T10:00:05Z");

        log.succeeded(orders, null, T2);
        assertThat(list).extracting(PlatformOperation::getAction, PlatformOperation::getSubject,
                        PlatformOperation::getState, PlatformOperation::getOperationKey, PlatformOperation::getTime)
                .containsExactly(
                        tuple(StopEnvironment, "Production", Requested, null, "2026-03-01T10:00:00Z"),
                        tuple(Undeploy, "Orders", Succeeded, "op-1", "2026-03-01T10:00:09Z"));
        assertThat(log.is(Undeploy, "Orders", Succeeded)).isTrue();
        assertThat(log.is(Redeploy, "Orders", Succeeded)).isFalse();
    }

    @Test
    @DisplayName("Subjects and counts per action; a failure keeps the platform's message")
    void queries() {
        OperationLog log = new OperationLog(new ArrayList<>());
        log.succeeded(log.request(Undeploy, "Customers", T0), "op-1", T1);
        log.request(Undeploy, "Orders", T0);
        log.failed(log.request(Redeploy, "Customers", T1), "op-2", "Deployment failed: the data model is not "
                + "compatible", T2);

        assertThat(log.subjects(Undeploy)).containsExactly("Customers", "Orders");
        assertThat(log.count(Undeploy, Succeeded)).isEqualTo(1);
        assertThat(log.count(Redeploy, Succeeded)).isZero();
        assertThat(log.find(Redeploy, "Customers").orElseThrow())
                .extracting(PlatformOperation::getState, PlatformOperation::getMessage)
                .containsExactly(Failed, "Deployment failed: the data model is not compatible");
    }

    @Test
    @DisplayName("An action is requested once per subject")
    void requestedOnce() {
        OperationLog log = new OperationLog(new ArrayList<>());
        log.request(Undeploy, "Orders", T0);
        assertThatThrownBy(() -> log.request(Undeploy, "Orders", T1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Undeploy Orders is already recorded");
    }
}

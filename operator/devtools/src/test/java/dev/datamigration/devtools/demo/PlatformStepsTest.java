package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's call log read as the steps the operator took. */
class PlatformStepsTest {

    private static final SimulatorState STATE = state();

    private static SimulatorState state() {
        try {
            return SimulatorState.parse("""
                    lifetime:
                      tokens: [t]
                      environments:
                        - {name: Production, key: prod-key}
                        - {name: QA, key: qa-key}
                        - {name: UAT, key: uat-key}
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RecordedCall call(String method, String path, String body) {
        return new RecordedCall(Instant.EPOCH, method, path, "", body, true, 200, null);
    }

    private static RecordedCall maintenance(String key, boolean on) {
        return call("PUT", "/lifetimeapi/rest/v2/environments/" + key + "/maintenancemode",
                "{\"IsMaintenanceModeEnabled\":" + on + "}");
    }

    @Test
    void stopUndeployAndRedeployInOrderWithRepeatsMergedAndReadsLeftOut() {
        List<RecordedCall> calls = List.of(
                call("GET", "/lifetimeapi/rest/v2/environments/", ""),
                maintenance("prod-key", true),
                maintenance("qa-key", true),
                maintenance("qa-key", true),
                call("GET", "/lifetimeapi/rest/v2/environments/qa-key/applications/", ""),
                maintenance("qa-key", true),
                maintenance("qa-key", false),
                maintenance("qa-key", false));

        assertThat(new PlatformSteps(STATE, "Production", "QA").of(calls)).containsExactly(
                new PlatformStep("PUT", "/environments/Production/maintenancemode", "on", "stop Production", 1),
                new PlatformStep("PUT", "/environments/QA/maintenancemode", "on",
                        "undeploy: take QA's apps offline", 3),
                new PlatformStep("PUT", "/environments/QA/maintenancemode", "off",
                        "redeploy: bring QA's apps back", 2));
        assertThat(PlatformSteps.reads(calls)).isEqualTo(2);
    }

    @Test
    void otherEnvironmentsUnknownKeysAndOtherCallsAreShownAsTheyCame() {
        List<RecordedCall> calls = List.of(
                maintenance("uat-key", true),
                maintenance("gone-key", false),
                call("PUT", "/lifetimeapi/rest/v2/environments/qa-key/maintenancemode", "{\"oops\":1}"),
                call("POST", "/api/deployments/v1/deployments", "{\"stageKey\":\"s\"}"));

        assertThat(new PlatformSteps(STATE, "Production", "QA").of(calls)).containsExactly(
                new PlatformStep("PUT", "/environments/UAT/maintenancemode", "on", "maintenance mode on for UAT", 1),
                new PlatformStep("PUT", "/environments/gone-key/maintenancemode", "off",
                        "maintenance mode off for gone-key", 1),
                new PlatformStep("PUT", "/environments/QA/maintenancemode", "?", "", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployments", "", "", 1));
    }
}

package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's call log of an O11 to ODC run read as the operator's steps, ODC calls in words. */
class OdcPlatformStepsTest {

    private static final SimulatorState STATE = state();

    private static SimulatorState state() {
        try {
            return SimulatorState.parse("""
                    lifetime:
                      tokens: [t]
                      environments:
                        - {name: Production, key: prod-key}
                    odc:
                      clients: [{clientId: c, clientSecret: s}]
                      stages: [{name: Test, key: stage-key}]
                      assets:
                        - {name: Catalog, key: catalog-key, deployments: [{stage: Test, revision: 3}]}
                        - {name: Orders, key: orders-key, deployments: [{stage: Test, revision: 4}]}
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RecordedCall call(String method, String path, String body) {
        return new RecordedCall(Instant.EPOCH, method, path, "", body, true, 200, null);
    }

    private static RecordedCall operation(String operation, String asset, Integer revision) {
        return call("POST", "/api/deployments/v1/deployment-operations", "{\"operation\":\"" + operation
                + "\",\"assetKey\":\"" + asset + "\",\"stageKey\":\"stage-key\""
                + (revision == null ? "" : ",\"buildKey\":\"b\",\"revision\":" + revision) + "}");
    }

    @Test
    void undeployUsersAndRedeployInOrderWithTokensAndReadsLeftOut() {
        List<RecordedCall> calls = List.of(
                call("GET", "/identity/.well-known/openid-configuration", ""),
                call("POST", "/identity/connect/token", "grant_type=client_credentials"),
                call("PUT", "/lifetimeapi/rest/v2/environments/prod-key/maintenancemode",
                        "{\"IsMaintenanceModeEnabled\":true}"),
                operation("Undeploy", "catalog-key", null),
                call("GET", "/api/deployments/v1/deployment-operations/op-1", ""),
                operation("Undeploy", "orders-key", null),
                call("POST", "/identity/connect/token", "grant_type=client_credentials"),
                call("POST", "/api/identity/v1/users/bulk", "{\"records\":[{\"email\":\"a@x.test\"},"
                        + "{\"email\":\"b@x.test\"},{\"email\":\"c@x.test\"}]}"),
                operation("Deploy", "catalog-key", 3),
                operation("Deploy", "orders-key", 4),
                call("PUT", "/lifetimeapi/rest/v2/environments/prod-key/maintenancemode",
                        "{\"IsMaintenanceModeEnabled\":false}"));

        assertThat(new OdcPlatformSteps(STATE).of(calls)).containsExactly(
                new PlatformStep("PUT", "/environments/Production/maintenancemode", "on", "stop Production", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "Undeploy Catalog",
                        "undeploy Catalog", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "Undeploy Orders",
                        "undeploy Orders", 1),
                new PlatformStep("POST", "/api/identity/v1/users/bulk", "3 users", "create end users", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "Deploy Catalog",
                        "redeploy Catalog revision 3", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "Deploy Orders",
                        "redeploy Orders revision 4", 1),
                new PlatformStep("PUT", "/environments/Production/maintenancemode", "off", "start Production", 1));
        assertThat(OdcPlatformSteps.unlisted(calls)).isEqualTo(4);
    }

    @Test
    void aDeploymentOfAnUnknownAssetOrWithoutABodyIsShownAsReceived() {
        assertThat(new OdcPlatformSteps(STATE).of(List.of(operation("Undeploy", "gone-key", null),
                call("POST", "/api/deployments/v1/deployment-operations", "not json")))).containsExactly(
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "Undeploy ?", "undeploy ?", 1),
                new PlatformStep("POST", "/api/deployments/v1/deployment-operations", "? ?", "? ?", 1));
    }
}

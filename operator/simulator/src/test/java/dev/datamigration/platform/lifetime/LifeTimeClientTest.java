package dev.datamigration.platform.lifetime;

import static dev.datamigration.platform.SimulatorFixture.CUSTOMERS_O11_KEY;
import static dev.datamigration.platform.SimulatorFixture.LT_TOKEN;
import static dev.datamigration.platform.SimulatorFixture.ORDERS_O11_KEY;
import static dev.datamigration.platform.SimulatorFixture.PRODUCTION_KEY;
import static dev.datamigration.platform.SimulatorFixture.QA_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.platform.PlatformClient.AppDeployment;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.PlatformClient.Operation;
import dev.datamigration.platform.PlatformClient.OperationState;
import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.SimulatorFixture;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LifeTime v2 adapter against the simulator over real HTTP: every call, its parsing and its errors. */
class LifeTimeClientTest {

    private SimulatorServer simulator;
    private LifeTimeClient client;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start();
        client = client(LT_TOKEN);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private LifeTimeClient client(String token) {
        return new LifeTimeClient(simulator.lifeTimeApiUrl(), token, "Secret refresh/lifetime key 'token'",
                SimulatorFixture.fastSettings(), CallObserver.NONE);
    }

    @Test
    void findsEnvironmentByName() {
        Environment qa = client.environment("QA");

        assertThat(qa).isEqualTo(new Environment(QA_KEY, "QA", false));
        assertThat(simulator.calls()).extracting(RecordedCall::method, RecordedCall::path, RecordedCall::status)
                .containsExactly(tuple("GET", "/lifetimeapi/rest/v2/environments/", 200));
        assertThat(simulator.calls().get(0).authorization()).isTrue();
    }

    @Test
    void unknownEnvironmentNamesItAndTheKnownOnes() {
        assertThatThrownBy(() -> client.environment("qa"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessage("LifeTime has no environment named 'qa' (known: Production, QA, Sandbox)");
    }

    @Test
    void listsRunningAppsWithoutSystemApps() {
        List<AppDeployment> apps = client.applications(new Environment(PRODUCTION_KEY, "Production", false));

        assertThat(apps).containsExactly(
                new AppDeployment(ORDERS_O11_KEY, "Orders", true, true, null, null),
                new AppDeployment(CUSTOMERS_O11_KEY, "Customers", true, true, null, null));
        RecordedCall call = simulator.calls().get(0);
        assertThat(call.path()).isEqualTo("/lifetimeapi/rest/v2/environments/" + PRODUCTION_KEY + "/applications/");
        assertThat(call.query()).isEqualTo("IncludeEnvStatus=true");
    }

    @Test
    void appNotRunningInTheEnvironmentIsNotListed() {
        List<AppDeployment> apps = client.applications(new Environment(QA_KEY, "QA", false));

        assertThat(apps).containsExactly(new AppDeployment(ORDERS_O11_KEY, "Orders", true, true, null, null));
    }

    @Test
    void environmentWithoutAppsGivesEmptyList() {
        Environment sandbox = client.environment("Sandbox");

        assertThat(client.applications(sandbox)).isEmpty();
        assertThat(simulator.calls().get(1).status()).isEqualTo(204);
    }

    @Test
    void applicationsOfUnknownEnvironmentKeyNameTheEnvironment() {
        Environment gone = new Environment("99999999-0000-4000-8000-000000000009", "Gone", false);

        assertThatThrownBy(() -> client.applications(gone))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageStartingWith("LifeTime does not know environment 'Gone' (key "
                        + "99999999-0000-4000-8000-000000000009): LifeTime GET /environments/"
                        + "99999999-0000-4000-8000-000000000009/applications/ failed: HTTP 404");
    }

    @Test
    void stopEnvironmentTurnsMaintenanceModeOnWithTheSwaggerBody() {
        Environment production = client.environment("Production");

        Operation op = client.stopEnvironment(production, "data migration prod-to-qa");

        assertThat(op).isEqualTo(new Operation("maintenance-mode-on:" + PRODUCTION_KEY, OperationState.Succeeded,
                "LifeTime environment 'Production' maintenance mode enabled"));
        assertThat(op.isDone()).isTrue();
        assertThat(simulator.maintenanceMode("Production")).isTrue();
        RecordedCall put = simulator.calls().get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/lifetimeapi/rest/v2/environments/" + PRODUCTION_KEY + "/maintenancemode");
        assertThat(put.body())
                .isEqualTo("{\"IsMaintenanceModeEnabled\":true,\"Reason\":\"data migration prod-to-qa\"}");
        assertThat(put.status()).isEqualTo(200);
    }

    @Test
    void stoppingTwiceIsIdempotent() {
        Environment production = client.environment("Production");

        client.stopEnvironment(production, "first");
        Operation again = client.stopEnvironment(production, "second");

        assertThat(again.state()).isEqualTo(OperationState.Succeeded);
        assertThat(simulator.maintenanceMode("Production")).isTrue();
    }

    @Test
    void undeployAndRedeployToggleMaintenanceModeOfTheTarget() {
        Environment qa = client.environment("QA");
        AppDeployment orders = client.applications(qa).get(0);

        Operation undeploy = client.undeploy(qa, orders, "migration");
        assertThat(simulator.maintenanceMode("QA")).isTrue();
        assertThat(simulator.maintenanceMode("Production")).isFalse();

        Operation redeploy = client.redeploy(qa, orders, "migration done");
        assertThat(simulator.maintenanceMode("QA")).isFalse();
        assertThat(undeploy.key()).isEqualTo("maintenance-mode-on:" + QA_KEY);
        assertThat(redeploy).isEqualTo(new Operation("maintenance-mode-off:" + QA_KEY, OperationState.Succeeded,
                "LifeTime environment 'QA' maintenance mode disabled"));
        assertThat(simulator.calls().get(3).body())
                .isEqualTo("{\"IsMaintenanceModeEnabled\":false,\"Reason\":\"migration done\"}");
    }

    @Test
    void operationKeysAreRecognisedAfterARestart() {
        Environment qa = new Environment(QA_KEY, "QA", false);

        assertThat(client.operation(qa, "maintenance-mode-on:" + QA_KEY).state()).isEqualTo(OperationState.Succeeded);
        assertThat(client.operation(qa, "maintenance-mode-off:" + QA_KEY).message())
                .isEqualTo("LifeTime environment 'QA' maintenance mode disabled");
        assertThatThrownBy(() -> client.operation(qa, "maintenance-mode-on:" + PRODUCTION_KEY))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessage("LifeTime has no operation 'maintenance-mode-on:" + PRODUCTION_KEY
                        + "' for environment 'QA'");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void maintenanceModeOfUnknownEnvironmentFailsNamingIt() {
        Environment gone = new Environment("99999999-0000-4000-8000-000000000009", "Gone", false);

        assertThatThrownBy(() -> client.stopEnvironment(gone, "x"))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("LifeTime does not know environment 'Gone'");
    }

    @Test
    void wrongTokenIsPermanentAndNamesTheSecretKeyButNotTheToken() {
        LifeTimeClient wrong = client("not-the-token-42");

        assertThatThrownBy(() -> wrong.environment("QA"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessage("LifeTime GET /environments/ failed: HTTP 401: Invalid or missing service account token."
                        + ". The platform rejected the credentials: check Secret refresh/lifetime key 'token'")
                .hasMessageNotContaining("not-the-token-42");
        assertThat(simulator.calls()).hasSize(1); // a 401 is not retried
    }
}

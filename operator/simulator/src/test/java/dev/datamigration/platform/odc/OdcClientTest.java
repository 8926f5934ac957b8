package dev.datamigration.platform.odc;

import static dev.datamigration.platform.SimulatorFixture.CLIENT_ID;
import static dev.datamigration.platform.SimulatorFixture.CLIENT_SECRET;
import static dev.datamigration.platform.SimulatorFixture.CUSTOMERS_ODC_KEY;
import static dev.datamigration.platform.SimulatorFixture.DEVELOPMENT_KEY;
import static dev.datamigration.platform.SimulatorFixture.ORDERS_ODC_KEY;
import static dev.datamigration.platform.SimulatorFixture.TEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.platform.EndUserDirectory.BulkCreate;
import dev.datamigration.platform.EndUserDirectory.BulkItem;
import dev.datamigration.platform.EndUserDirectory.BulkState;
import dev.datamigration.platform.EndUserDirectory.EndUser;
import dev.datamigration.platform.EndUserDirectory.NewUser;
import dev.datamigration.platform.PlatformClient.AppDeployment;
import dev.datamigration.platform.PlatformClient.Environment;
import dev.datamigration.platform.PlatformClient.Operation;
import dev.datamigration.platform.PlatformClient.OperationState;
import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.SimulatorFixture;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.simulator.FaultRule;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ODC adapter against the simulator over real HTTP: stages, deployed assets, operations, end users. */
class OdcClientTest {

    private static final Environment TEST = new Environment(TEST_KEY, "Test", false);
    private static final AppDeployment ORDERS_IN_TEST = new AppDeployment(ORDERS_ODC_KEY, "Orders", true, true,
            "cccccccc-0000-4000-8000-000000000005", 5);

    private SimulatorServer simulator;
    private OdcClient client;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start();
        client = client(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    static OdcClient client(SimulatorServer simulator) {
        return new OdcClient(simulator.odcPortalUrl(), CLIENT_ID, CLIENT_SECRET, "Secret odc-api keys",
                SimulatorFixture.fastSettings(), CallObserver.NONE);
    }

    @Test
    void findsStageByName() {
        assertThat(client.environment("Development")).isEqualTo(new Environment(DEVELOPMENT_KEY, "Development", false));
        assertThat(simulator.calls()).extracting(RecordedCall::method, RecordedCall::path).containsExactly(
                tuple("GET", "/identity/.well-known/openid-configuration"),
                tuple("POST", "/identity/connect/token"),
                tuple("GET", "/api/portfolios/v2/environments"));
    }

    @Test
    void unknownStageNamesItAndTheVisibleOnes() {
        assertThatThrownBy(() -> client.environment("Production"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessage("ODC has no stage named 'Production' visible to this API client (known: Development,"
                        + " Test)");
    }

    @Test
    void listsDeployedAppsWithBuildAndRevisionButNotBuiltInAssets() {
        List<AppDeployment> apps = client.applications(TEST);

        assertThat(apps).containsExactly(ORDERS_IN_TEST,
                new AppDeployment(CUSTOMERS_ODC_KEY, "Customers", true, true, "cccccccc-0000-4000-8000-000000000003",
                        3));
        RecordedCall call = simulator.callLog().matching("GET", "/api/portfolios/v2/deployed-assets").get(0);
        assertThat(call.query()).isEqualTo("environmentKey=" + TEST_KEY
                + "&type=WebApplication,MobileApplication&limit=100&offset=0");
        assertThat(client.applications(new Environment(DEVELOPMENT_KEY, "Development", false))).containsExactly(
                new AppDeployment(ORDERS_ODC_KEY, "Orders", true, true, "cccccccc-0000-4000-8000-000000000007", 7));
    }

    @Test
    void readsEveryPageOfDeployedAssets() {
        simulator.close();
        List<SimulatorState.Asset> assets = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            assets.add(new SimulatorState.Asset(null, String.format("App%03d", i), null, false,
                    List.of(new SimulatorState.AssetDeployment("Test", i, null)), null));
        }
        simulator = SimulatorServer.start(new SimulatorState(null, new SimulatorState.Odc(
                List.of(new SimulatorState.ApiClient(CLIENT_ID, CLIENT_SECRET)), null,
                List.of(new SimulatorState.Stage(TEST_KEY, "Test", null, null, null)), assets, null, null), null));
        client = client(simulator);

        List<AppDeployment> apps = client.applications(TEST);

        assertThat(apps).hasSize(130);
        assertThat(apps.get(129).name()).isEqualTo("App130");
        assertThat(apps.get(129).revision()).isEqualTo(130);
        assertThat(simulator.callLog().matching("GET", "/api/portfolios/v2/deployed-assets"))
                .extracting(RecordedCall::query)
                .containsExactly(
                        "environmentKey=" + TEST_KEY + "&type=WebApplication,MobileApplication&limit=100&offset=0",
                        "environmentKey=" + TEST_KEY + "&type=WebApplication,MobileApplication&limit=100&offset=100");
    }

    @Test
    void undeployThenPollUntilFinished() throws Exception {
        Operation started = client.undeploy(TEST, ORDERS_IN_TEST, "migration");

        assertThat(started.state()).isEqualTo(OperationState.Running);
        assertThat(started.message()).isEqualTo("Undeploy of Orders running");
        RecordedCall post = simulator.callLog().matching("POST", "/api/deployments/v1/deployment-operations").get(0);
        JsonNode body = new ObjectMapper().readTree(post.body());
        assertThat(body.get("operation").asText()).isEqualTo("Undeploy");
        assertThat(body.get("assetKey").asText()).isEqualTo(ORDERS_ODC_KEY);
        assertThat(body.get("environmentKey").asText()).isEqualTo(TEST_KEY);
        assertThat(body.get("revision").asInt()).isEqualTo(5);
        assertThat(body.has("buildKey")).isFalse();
        assertThat(post.status()).isEqualTo(201);
        assertThat(simulator.deployedRevision("Test", "Orders")).contains(5);

        Operation first = client.operation(TEST, started.key());
        Operation second = client.operation(TEST, started.key());

        assertThat(first).isEqualTo(new Operation(started.key(), OperationState.Running, "Undeploy of Orders running"));
        assertThat(second).isEqualTo(new Operation(started.key(), OperationState.Succeeded,
                "Undeploy of Orders finished"));
        assertThat(simulator.deployedRevision("Test", "Orders")).isEmpty();
        assertThat(simulator.deployedRevision("Development", "Orders")).contains(7);
        assertThat(client.applications(TEST)).extracting(AppDeployment::name).containsExactly("Customers");
    }

    @Test
    void redeployDeploysTheSameBuildAgain() throws Exception {
        Operation undeploy = client.undeploy(TEST, ORDERS_IN_TEST, "migration");
        client.operation(TEST, undeploy.key());
        client.operation(TEST, undeploy.key());

        Operation deploy = client.redeploy(TEST, ORDERS_IN_TEST, "restore");
        client.operation(TEST, deploy.key());
        Operation done = client.operation(TEST, deploy.key());

        assertThat(done.state()).isEqualTo(OperationState.Succeeded);
        assertThat(done.message()).isEqualTo("Deploy of Orders finished");
        JsonNode body = new ObjectMapper().readTree(simulator.callLog()
                .matching("POST", "/api/deployments/v1/deployment-operations").get(1).body());
        assertThat(body.toString()).isEqualTo("{\"operation\":\"Deploy\",\"assetKey\":\"" + ORDERS_ODC_KEY
                + "\",\"buildKey\":\"cccccccc-0000-4000-8000-000000000005\",\"revision\":5,\"environmentKey\":\""
                + TEST_KEY + "\"}");
        assertThat(simulator.deployedRevision("Test", "Orders")).contains(5);
        assertThat(client.applications(TEST)).contains(ORDERS_IN_TEST);
    }

    @Test
    void failedDeploymentCarriesTheOperationsErrorMessages() {
        AppDeployment customers = client.applications(TEST).get(1);

        Operation deploy = client.redeploy(TEST, customers, "restore");
        client.operation(TEST, deploy.key());
        Operation failed = client.operation(TEST, deploy.key());

        assertThat(failed).isEqualTo(new Operation(deploy.key(), OperationState.Failed,
                "Deploy of Customers finished with error: Deployment failed: the data model is not compatible"));
        assertThat(failed.isDone()).isTrue();
    }

    @Test
    void undeployingAgainWhileRunningReusesTheRunningOperation() {
        Operation first = client.undeploy(TEST, ORDERS_IN_TEST, "migration");
        Operation again = client.undeploy(TEST, ORDERS_IN_TEST, "migration, after a restart");

        assertThat(again.key()).isEqualTo(first.key());
        assertThat(simulator.callLog().matching("POST", "/api/deployments/v1/deployment-operations")).hasSize(1);
        assertThat(simulator.callLog().matching("GET", "/api/deployments/v1/deployment-operations").get(1).query())
                .isEqualTo("environmentKey=" + TEST_KEY + "&assetKey=" + ORDERS_ODC_KEY
                        + "&status=Running&operations=Undeploy");
    }

    @Test
    void unknownOperationKeyIsNamed() {
        assertThatThrownBy(() -> client.operation(TEST, "eeeeeeee-0000-4000-8000-000000000001"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessage("ODC has no deployment operation 'eeeeeeee-0000-4000-8000-000000000001' (stage 'Test')");
    }

    @Test
    void unknownAppIsNamedOnUndeploy() {
        AppDeployment ghost = new AppDeployment("bbbbbbbb-0000-4000-8000-00000000dead", "Ghost", true, true, null, 1);

        assertThatThrownBy(() -> client.undeploy(TEST, ghost, "migration"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageStartingWith("ODC cannot undeploy app 'Ghost' in stage 'Test': ODC POST "
                        + "/api/deployments/v1/deployment-operations failed: HTTP 404: Not Found; Asset "
                        + "bbbbbbbb-0000-4000-8000-00000000dead was not found.");
    }

    @Test
    void redeployWithoutBuildIsRefusedBeforeAnyCall() {
        AppDeployment noBuild = new AppDeployment(ORDERS_ODC_KEY, "Orders", true, true, null, null);

        assertThatThrownBy(() -> client.redeploy(TEST, noBuild, "restore"))
                .isInstanceOf(PlatformException.class)
                .hasMessage("cannot redeploy ODC app 'Orders' to stage 'Test': its buildKey and revision are unknown"
                        + " (take the app from applications() before undeploying it)");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void stoppingAStageIsRefusedClearly() {
        assertThatThrownBy(() -> client.stopEnvironment(TEST, "migration"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("ODC has no API call to stop stage 'Test': an ODC stage cannot be a stopped migration"
                        + " source (source downtime StopEnvironment needs an O11 source)");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void findsUsersByExactEmailIgnoringCase() {
        assertThat(client.findByEmail("ANA.SILVA@example.com")).contains(
                new EndUser("dddddddd-0000-4000-8000-000000000001", "ana.silva@example.com", "Ana Silva", true));
        assertThat(client.findByEmail("silva@example.com")).isEmpty();
        assertThat(simulator.callLog().matching("GET", "/api/identity/v1/users").get(0).query())
                .isEqualTo("nameOrEmailContains=ANA.SILVA%40example.com&limit=100&offset=0");
    }

    @Test
    void plusSignInEmailIsPercentEncoded() {
        assertThat(client.findByEmail("john+ops@example.com")).map(EndUser::key)
                .contains("dddddddd-0000-4000-8000-000000000002");
        assertThat(simulator.callLog().matching("GET", "/api/identity/v1/users").get(0).query())
                .isEqualTo("nameOrEmailContains=john%2Bops%40example.com&limit=100&offset=0");
    }

    @Test
    void findOrCreateCreatesMissingUsersOnceAndNeverChangesExistingOnes() {
        EndUser created = client.findOrCreate("new.user@example.com", "New User", false);
        EndUser again = client.findOrCreate("new.user@example.com", "New User", false);
        EndUser existing = client.findOrCreate("ana.silva@example.com", "Ana M. Silva", false);

        assertThat(again).isEqualTo(created);
        assertThat(created).isEqualTo(new EndUser(created.key(), "new.user@example.com", "New User", false));
        assertThat(existing).isEqualTo(new EndUser("dddddddd-0000-4000-8000-000000000001", "ana.silva@example.com",
                "Ana Silva", true));
        assertThat(simulator.odcUsers()).extracting(EndUser::email, EndUser::name, EndUser::active).containsExactly(
                tuple("ana.silva@example.com", "Ana Silva", true),
                tuple("john+ops@example.com", "John Ops", true),
                tuple("new.user@example.com", "New User", false));
        assertThat(simulator.callLog().matching("POST", "/api/identity/v1/users")).hasSize(1);
        assertThat(simulator.callLog().matching("PATCH", "/api/identity/v1/users/.*")).isEmpty();
        assertThat(created.key()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void eachUserReadsEveryPage() {
        for (int i = 0; i < 150; i++) {
            client.findOrCreate("user" + i + "@example.com", "User " + i, true);
        }
        simulator.callLog().clear();
        List<String> emails = new ArrayList<>();
        client.eachUser(u -> emails.add(u.email()));

        assertThat(emails).hasSize(152).startsWith("ana.silva@example.com", "john+ops@example.com")
                .endsWith("user149@example.com");
        assertThat(simulator.callLog().matching("GET", "/api/identity/v1/users")).extracting(RecordedCall::query)
                .containsExactly("limit=100&offset=0", "limit=100&offset=100");
    }

    @Test
    void bulkCreateIsPolledUntilFinishedAndReportsEachUser() {
        String key = client.startBulkCreate(List.of(new NewUser("bulk.one@example.com", "Bulk One", true),
                new NewUser("bulk.two@example.com", "Bulk Two", false), new NewUser("not-an-email", "Bad", true)));

        BulkCreate first = client.bulkCreate(key);
        assertThat(first).isEqualTo(new BulkCreate(key, BulkState.Processing, null, List.of()));
        BulkCreate done = client.bulkCreate(key);
        assertThat(done.state()).isEqualTo(BulkState.FinishedWithErrors);
        assertThat(done.items()).extracting(BulkItem::email, BulkItem::created, BulkItem::error).containsExactly(
                tuple("bulk.one@example.com", true, null),
                tuple("bulk.two@example.com", true, null),
                tuple("not-an-email", false, "Error InvalidEmail: The email is not a valid e-mail address."));
        assertThat(simulator.odcUsers()).extracting(EndUser::email, EndUser::active).endsWith(
                tuple("bulk.one@example.com", true), tuple("bulk.two@example.com", false));
        assertThat(done.items().get(0).key()).isEqualTo(simulator.odcUsers().get(2).key());
        assertThat(simulator.callLog().matching("POST", "/api/identity/v1/users/bulk").get(0).body()).isEqualTo(
                "{\"records\":[{\"email\":\"bulk.one@example.com\",\"name\":\"Bulk One\",\"isActive\":true},"
                        + "{\"email\":\"bulk.two@example.com\",\"name\":\"Bulk Two\",\"isActive\":false},"
                        + "{\"email\":\"not-an-email\",\"name\":\"Bad\",\"isActive\":true}]}");
    }

    @Test
    void bulkCreateWaitsOutA429AsRetryAfterSays() {
        simulator.faults().add(FaultRule.error("/api/identity/v1/users/bulk", 429, 1).forMethod("POST"));
        OdcClient client = new OdcClient(simulator.odcPortalUrl(), CLIENT_ID, CLIENT_SECRET, "Secret odc-api keys",
                SimulatorFixture.fastSettings().withBackoff(Duration.ofMillis(10), Duration.ofSeconds(5)),
                CallObserver.NONE);
        long started = System.nanoTime();

        String key = client.startBulkCreate(List.of(new NewUser("late@example.com", "Late", true)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(simulator.callLog().matching("POST", "/api/identity/v1/users/bulk"))
                .extracting(RecordedCall::status).containsExactly(429, 202);
        assertThat(key).isNotBlank();
    }
}

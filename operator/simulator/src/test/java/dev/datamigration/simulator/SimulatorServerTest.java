package dev.datamigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.platform.SimulatorFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator itself over raw HTTP: auth checks, the swagger's error shapes, admin endpoints, state files. */
class SimulatorServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatorServer simulator;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType,
            String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String odcToken() throws Exception {
        HttpResponse<String> token = send("POST", "/identity/connect/token", null,
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=dm-operator&client_secret=dm-secret-value");
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(token.body());
        assertThat(body.get("expires_in").asLong()).isEqualTo(43_200L);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        return "Bearer " + body.get("access_token").asText();
    }

    @Test
    void lifeTimeRefusesMissingAndWrongTokensWithItsExceptionShape() throws Exception {
        HttpResponse<String> none = send("GET", "/lifetimeapi/rest/v2/environments/", null, null, null);
        HttpResponse<String> wrong = send("GET", "/lifetimeapi/rest/v2/environments/", "Bearer nope", null, null);
        HttpResponse<String> right = send("GET", "/lifetimeapi/rest/v2/environments/", "Bearer lt-valid-token",
                null, null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"Errors\":[\"Invalid or missing service account token.\"],"
                + "\"StatusCode\":401}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        JsonNode production = JSON.readTree(right.body()).get(0);
        assertThat(production.get("Key").asText()).isEqualTo(SimulatorFixture.PRODUCTION_KEY);
        assertThat(production.get("DatabaseProvider").asText()).isEqualTo("SqlServer");
        assertThat(production.get("EnvironmentType").asText()).isEqualTo("Production");
    }

    @Test
    void odcApisRefuseCallsWithoutAValidAccessToken() throws Exception {
        HttpResponse<String> none = send("GET", "/api/portfolios/v2/environments", null, null, null);
        HttpResponse<String> forged = send("GET", "/api/deployments/v1/deployment-operations", "Bearer forged",
                null, null);
        HttpResponse<String> valid = send("GET", "/api/portfolios/v2/environments", odcToken(), null, null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("title").asText()).isEqualTo("Unauthorized");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(valid.body()).get("results").get(1).get("name").asText()).isEqualTo("Test");
    }

    @Test
    void tokenEndpointRefusesWrongGrantAndWrongSecret() throws Exception {
        HttpResponse<String> grant = send("POST", "/identity/connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=password&client_id=dm-operator");
        HttpResponse<String> secret = send("POST", "/identity/connect/token", null,
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=dm-operator&client_secret=guess");

        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(grant.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(secret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(secret.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(simulator.calls().get(1).body())
                .isEqualTo("grant_type=client_credentials&client_id=dm-operator&client_secret=***");
    }

    @Test
    void discoveryPointsAtTheTokenEndpoint() throws Exception {
        HttpResponse<String> discovery = send("GET", "/identity/.well-known/openid-configuration", null, null, null);

        assertThat(JSON.readTree(discovery.body()).get("token_endpoint").asText())
                .isEqualTo(simulator.url() + "/identity/connect/token");
    }

    @Test
    void callLogIsServedAsJson() throws Exception {
        send("GET", "/lifetimeapi/rest/v2/environments/", "Bearer lt-valid-token", null, null);

        JsonNode calls = JSON.readTree(send("GET", "/__simulator/calls", null, null, null).body());

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("method").asText()).isEqualTo("GET");
        assertThat(calls.get(0).get("path").asText()).isEqualTo("/lifetimeapi/rest/v2/environments/");
        assertThat(calls.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(calls.get(0).get("authorization").asBoolean()).isTrue();
        assertThat(calls.get(0).has("at")).isTrue();
        assertThat(send("DELETE", "/__simulator/calls", null, null, null).statusCode()).isEqualTo(204);
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void faultsAddedAtRunTimeApplyToTheNextMatchingCalls() throws Exception {
        HttpResponse<String> added = send("POST", "/__simulator/faults", null, "application/json",
                "{\"path\":\"/lifetimeapi/rest/v2/environments/.*\",\"kind\":\"ERROR\",\"status\":502,\"times\":1}");
        assertThat(added.statusCode()).isEqualTo(201);

        HttpResponse<String> faulted = send("GET", "/lifetimeapi/rest/v2/environments/x/", "Bearer lt-valid-token",
                null, null);
        HttpResponse<String> after = send("GET", "/lifetimeapi/rest/v2/environments/x/", "Bearer lt-valid-token",
                null, null);

        assertThat(faulted.statusCode()).isEqualTo(502);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(after.body()).get("Errors").get(0).asText())
                .isEqualTo("Failed to retrieve the environment with key: x.");
        assertThat(JSON.readTree(send("GET", "/__simulator/faults", null, null, null).body())).isEmpty();
    }

    @Test
    void invalidFaultRuleIsRefused() throws Exception {
        HttpResponse<String> refused = send("POST", "/__simulator/faults", null, "application/json",
                "{\"path\":\"/api/.*\",\"kind\":\"ERROR\",\"status\":200}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").asText())
                .contains("fault status must be 4xx or 5xx, was 200");
        assertThat(simulator.faults().list()).isEmpty();
    }

    @Test
    void faultsFromTheStateFileApplyFromTheStart() throws Exception {
        simulator.close();
        simulator = SimulatorServer.start(SimulatorState.parse("""
                lifetime: {tokens: [t]}
                faults:
                  - {path: "/lifetimeapi/rest/v2/environments/", method: get, kind: error, status: 500, times: 1}
                """));

        assertThat(send("GET", "/lifetimeapi/rest/v2/environments/", "Bearer t", null, null).statusCode())
                .isEqualTo(500);
        assertThat(send("GET", "/lifetimeapi/rest/v2/environments/", "Bearer t", null, null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void runningAppsRefuseModulesWithoutEnvStatus() throws Exception {
        HttpResponse<String> response = send("GET", "/lifetimeapi/rest/v2/environments/"
                + SimulatorFixture.QA_KEY + "/applications/?IncludeModules=true", "Bearer lt-valid-token", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void maintenanceModeNeedsTheSwaggerBody() throws Exception {
        HttpResponse<String> response = send("PUT", "/lifetimeapi/rest/v2/environments/" + SimulatorFixture.QA_KEY
                + "/maintenancemode", "Bearer lt-valid-token", "application/json", "{\"enabled\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(simulator.maintenanceMode("QA")).isFalse();
    }

    @Test
    void deploymentOperationRefusesAdditionalProperties() throws Exception {
        HttpResponse<String> response = send("POST", "/api/deployments/v1/deployment-operations", odcToken(),
                "application/json", "{\"operation\":\"Undeploy\",\"assetKey\":\"" + SimulatorFixture.ORDERS_ODC_KEY
                        + "\",\"environmentKey\":\"" + SimulatorFixture.TEST_KEY + "\",\"force\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asText())
                .isEqualTo("unknown field 'force' (DeploymentOperationRequest allows no additional properties)");
        assertThat(simulator.deployedRevision("Test", "Orders")).contains(5);
    }

    @Test
    void deployedAssetsAcceptRepeatedTypeParameters() throws Exception {
        HttpResponse<String> response = send("GET", "/api/portfolios/v2/deployed-assets?environmentKey="
                + SimulatorFixture.TEST_KEY + "&type=MobileApplication&type=Workflow", odcToken(), null, null);

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("results")).hasSize(1);
        assertThat(body.get("results").get(0).get("key").asText()).isEqualTo(SimulatorFixture.CUSTOMERS_ODC_KEY);
        assertThat(body.get("page").get("nextPageOffset").isNull()).isTrue();
    }

    @Test
    void unknownPathsAnswer404() throws Exception {
        assertThat(send("GET", "/lifetimeapi/rest/v2/environments", "Bearer lt-valid-token", null, null)
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/nothing", null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownFieldInStateFileIsAnErrorNamingIt() {
        assertThatThrownBy(() -> SimulatorState.parse("lifetime: {tokenz: [x]}"))
                .hasMessageContaining("Unrecognized field \"tokenz\"");
    }

    @Test
    void assetDeployedToUnknownStageIsRefusedAtStart() throws Exception {
        SimulatorState state = SimulatorState.parse("""
                odc:
                  stages: [{name: Test}]
                  assets: [{name: Orders, deployments: [{stage: Tset, revision: 1}]}]
                """);

        assertThatThrownBy(() -> SimulatorServer.start(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ODC asset 'Orders' is deployed to unknown stage 'Tset'");
    }

    @Test
    void exampleStateFileLoadsAndServes() throws Exception {
        simulator.close();
        simulator = SimulatorServer.start(SimulatorState.read(Path.of("../../examples/simulator/state.yaml")));

        HttpResponse<String> environments = send("GET", "/lifetimeapi/rest/v2/environments/",
                "Bearer demo-lifetime-token", null, null);

        assertThat(JSON.readTree(environments.body())).extracting(n -> n.get("Name").asText())
                .containsExactly("Production", "QA");
        assertThat(simulator.deployedRevision("Test", "Orders")).contains(8);
    }
}

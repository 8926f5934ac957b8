package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.fixtures.o11.data.FactoryModel;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.simulator.RecordedCall;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ODC e2e tests share: the stage laid out for the factory with its mapping ConfigMap, and what they read
 * back (the stage's identities, the Deployments API calls, the oracle with the created users' keys).
 */
final class OdcE2eSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEPLOYMENTS = "/api/deployments/v1/deployment-operations";

    /** The mapping ConfigMap's name. */
    static final String MAPPING = "orders-odc-mapping";

    private OdcE2eSupport() {
    }

    /**
     * Lays out the ODC stage for {@code e2e}'s factory in the new database {@code stageDb}, makes Production
     * ODC-ready and writes the mapping ConfigMap {@link #MAPPING}.
     */
    static OdcStage stage(E2eCluster e2e, EmbeddedPostgres pg, String stageDb, FactoryModel model) throws Exception {
        OdcStage stage = new OdcStage(model, e2e.factory().apps());
        try (Connection s = pg.connect(stageDb)) {
            stage.create(s);
        }
        try (Connection production = pg.connect(e2e.databases().production())) {
            stage.prepareSource(production);
        }
        e2e.configMap(MAPPING, "mapping.yaml", stage.mappingYaml());
        return stage;
    }

    /** The oracle's rows with the fixture's key of each created user replaced by the key ODC gave it. */
    static List<Map<String, Object>> withKeys(List<Map<String, Object>> rows, Map<Object, Object> keys) {
        List<Map<String, Object>> replaced = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column, keys.getOrDefault(value, value)));
            replaced.add(copy);
        }
        return replaced;
    }

    /** The next value of {@code table}'s identity {@code column} (takes it). */
    static long nextId(Connection c, String table, String column) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT nextval(pg_get_serial_sequence('" + table + "', '" + column + "'))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The three ODC apps of the factory's mapping were undeployed through the Deployments API, then deployed again
     * with the build and revision each had before (the simulator's: 3, 2, 4).
     */
    static void assertUndeployedThenRedeployedTheSameBuilds(E2eCluster e2e) throws Exception {
        assertThat(deploymentOperations(e2e)).containsExactly(
                "Undeploy bbbbbbbb-0000-4000-8000-000000000001",
                "Undeploy bbbbbbbb-0000-4000-8000-000000000002",
                "Undeploy bbbbbbbb-0000-4000-8000-000000000003",
                "Deploy bbbbbbbb-0000-4000-8000-000000000001 cccccccc-0000-4000-8000-000000000001 3",
                "Deploy bbbbbbbb-0000-4000-8000-000000000002 cccccccc-0000-4000-8000-000000000002 2",
                "Deploy bbbbbbbb-0000-4000-8000-000000000003 cccccccc-0000-4000-8000-000000000003 4");
        assertThat(e2e.simulator().deployedRevision("Test", "CatalogApp")).contains(3);
        assertThat(e2e.simulator().deployedRevision("Test", "CustomersApp")).contains(2);
        assertThat(e2e.simulator().deployedRevision("Test", "OrdersApp")).contains(4);
    }

    /** The deployment operations started, in order: "Undeploy ASSET", "Deploy ASSET BUILD REVISION". */
    private static List<String> deploymentOperations(E2eCluster e2e) throws Exception {
        List<String> operations = new ArrayList<>();
        for (RecordedCall call : e2e.calls()) {
            if ("POST".equals(call.method()) && call.path().equals(DEPLOYMENTS) && call.fault() == null) {
                JsonNode body = JSON.readTree(call.body());
                String operation = body.get("operation").asText() + " " + body.get("assetKey").asText();
                if (body.has("buildKey")) {
                    operation += " " + body.get("buildKey").asText() + " " + body.get("revision").asInt();
                }
                operations.add(operation);
            }
        }
        return operations;
    }
}

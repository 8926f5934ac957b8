package dev.datamigration.controller;

import static dev.datamigration.api.v1alpha1.PlatformAction.Redeploy;
import static dev.datamigration.api.v1alpha1.PlatformAction.StopEnvironment;
import static dev.datamigration.api.v1alpha1.PlatformAction.Undeploy;
import static dev.datamigration.api.v1alpha1.PlatformOperationState.Succeeded;
import static dev.datamigration.controller.testing.JobPlayer.app;
import static dev.datamigration.controller.testing.JobPlayer.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.OdcMappingSpec;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.controller.testing.JobPlayer;
import dev.datamigration.controller.testing.OperatorHarness;
import dev.datamigration.controller.testing.PlatformSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ODC app of each O11 app comes from the mapping ConfigMap (spec.target.mapping.configMap, mapping.yaml): it is
 * the app validation looks for in the stage, the subject of Undeploy and Redeploy, and the status' odcApp. A mapping
 * ConfigMap that is missing, lacks mapping.yaml or does not parse is refused in validation, with the other problems,
 * before anything is stopped, undeployed or started.
 */
@EnableKubernetesMockClient(crud = true)
class OdcTargetAppsTest {

    /** Customers was converted into the ODC app CustomerPortal; Orders keeps its name (no odcApp). */
    private static final String PORTAL_MAPPING = """
            apps:
              - app: Customers
                odcApp: CustomerPortal
                entities: [{entity: Customers.Customer, table: custo_k3j9x2m4q7}]
              - app: Orders
                entities: [{entity: Orders.Order, table: order_u8aqr95gpfe02ysl1ro2h6s5}]
            """;

    KubernetesClient client;
    PlatformSimulator platform;
    OperatorHarness harness;
    JobPlayer jobs;

    @BeforeEach
    void setUp() {
        platform = new PlatformSimulator();
        harness = new OperatorHarness(client, platform).standardSecrets().start();
        jobs = new JobPlayer(client, OperatorHarness.NAMESPACE);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        platform.close();
    }

    @Test
    @DisplayName("The mapping's odcApp is undeployed, redeployed with the build that ran, and named in the status")
    void odcAppOfTheMappingIsTheAppUndeployedAndRedeployed() {
        harness.configMap("portal-mapping", "mapping.yaml", PORTAL_MAPPING);
        harness.create(withMapping(harness.odc("portal", "Customers"), "portal-mapping"));
        jobs.finishPlan("portal-plan", plan(app("Customers", 0, entities("Customer", 300))));
        jobs.succeedCopy("portal-customers", "Customers", entities("Customer", 300));

        DataMigrationStatus status = harness.awaitPhase("portal", Phase.Succeeded).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy CustomerPortal",
                "Deploy CustomerPortal");
        assertThat(platform.server().deployedRevision("Test", "CustomerPortal")).contains(7);
        assertThat(platform.server().deployedRevision("Test", "Customers")).contains(5);
        assertThat(status.getOperations())
                .extracting(PlatformOperation::getAction, PlatformOperation::getSubject, PlatformOperation::getState)
                .containsExactly(tuple(StopEnvironment, "Production", Succeeded),
                        tuple(Undeploy, "CustomerPortal", Succeeded), tuple(Redeploy, "CustomerPortal", Succeeded));
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getOdcApp, AppStatus::getPhase)
                .containsExactly(tuple("Customers", "CustomerPortal", AppPhase.Succeeded));
    }

    @Test
    @DisplayName("An app the mapping gives no odcApp keeps its O11 name in ODC")
    void odcAppDefaultsToTheO11Name() {
        harness.configMap("portal-mapping", "mapping.yaml", PORTAL_MAPPING);
        harness.create(withMapping(harness.odc("orders", "Orders"), "portal-mapping"));
        jobs.finishPlan("orders-plan", plan(app("Orders", 0, entities("Order", 10))));
        jobs.succeedCopy("orders-orders", "Orders", entities("Order", 10));

        // Orders' redeploy fails in this simulator state (failOperations): the run fails naming the ODC app
        DataMigrationStatus status = harness.awaitPhase("orders", Phase.Failed).getStatus();
        assertThat(platform.sideEffects()).containsExactly("Production maintenance on", "Undeploy Orders",
                "Deploy Orders");
        assertThat(status.getApps()).extracting(AppStatus::getName, AppStatus::getOdcApp)
                .containsExactly(tuple("Orders", "Orders"));
    }

    @Test
    @DisplayName("A missing mapping ConfigMap is refused with the other problems; nothing is stopped or started")
    void missingConfigMapIsRefusedWithTheOtherProblems() {
        DataMigration migration = withMapping(harness.odc("no-map", "Customers", "Ghost"), "absent-mapping");
        migration.getSpec().getTarget().getDatabase().setCredentialsSecret("missing-writer");
        harness.create(migration);

        assertRefused("no-map", "3 problems: "
                + "Secret missing-writer (spec.target.database.credentialsSecret) does not exist; "
                + "ConfigMap absent-mapping (spec.target.mapping.configMap) does not exist; "
                + "app Ghost is unknown in source environment Production");
    }

    @Test
    @DisplayName("A mapping ConfigMap without the key mapping.yaml is refused; nothing is stopped or started")
    void configMapWithoutMappingYamlIsRefused() {
        harness.configMap("wrong-key", "mapping.yml", PORTAL_MAPPING);
        harness.create(withMapping(harness.odc("wrong-key", "Customers"), "wrong-key"));

        assertRefused("wrong-key", "1 problem: "
                + "ConfigMap wrong-key (spec.target.mapping.configMap) has no key mapping.yaml");
    }

    @Test
    @DisplayName("An unparsable mapping.yaml is refused with every problem of the file; nothing is stopped or started")
    void unparsableMappingIsRefused() {
        harness.configMap("bad-mapping", "mapping.yaml", """
                apps:
                  - app: Customers
                    odcApp: CustomerPortal
                    entities: [{entity: Customer, table: custo_k3j9x2m4q7}]
                  - app: Orders
                    color: blue
                    entities: [{entity: Orders.Order, table: order_u8aqr95gpfe02ysl1ro2h6s5}]
                """);
        harness.create(withMapping(harness.odc("bad-mapping", "Customers"), "bad-mapping"));

        assertRefused("bad-mapping", "1 problem: ConfigMap bad-mapping (spec.target.mapping.configMap): "
                + "mapping.yaml: 2 problems: "
                + "apps[0].entities[0].entity: Customer is not Module.Entity; "
                + "apps[1].color: unknown key (allowed: app, entities, odcApp)");
    }

    private void assertRefused(String name, String message) {
        DataMigrationStatus status = harness.awaitPhase(name, Phase.Failed).getStatus();
        assertThat(status.getMessage()).isEqualTo(message);
        assertThat(platform.sideEffects()).isEmpty();
        assertThat(platform.maintenanceMode("Production")).isFalse();
        assertThat(jobs.jobs()).isEmpty();
        assertThat(status.getOperations()).isNullOrEmpty();
    }

    private static DataMigration withMapping(DataMigration migration, String configMap) {
        OdcMappingSpec mapping = new OdcMappingSpec();
        mapping.setConfigMap(configMap);
        migration.getSpec().getTarget().setMapping(mapping);
        return migration;
    }

    private static Map<String, Long> entities(Object... nameRows) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nameRows.length; i += 2) {
            map.put((String) nameRows[i], ((Number) nameRows[i + 1]).longValue());
        }
        return map;
    }
}

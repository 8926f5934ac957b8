package dev.datamigration.devtools.demo;

import dev.datamigration.fixtures.o11.model.UserSpec;
import dev.datamigration.fixtures.odc.OdcStage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code demo --odc} sets up around its databases, as text a user could apply themselves: the platform the
 * simulator plays (LifeTime with O11 Production; an ODC portal with one stage, the three converted apps deployed
 * there, an API client, and some of the O11 end users already known to ODC's Identity service) and the manifests of
 * the run (Secrets, the stage's mapping ConfigMap, the DataMigration O11 Production to the ODC stage).
 */
final class OdcDemoWorld {

    static final List<String> APPS = List.of("Catalog", "Customers", "Orders");
    /** The ODC stage the apps are migrated into. */
    static final String STAGE = "Test";
    static final String MIGRATION = "prod-to-odc";
    static final String MAPPING_CONFIG_MAP = "demo-odc-mapping";
    static final String ODC_CLIENT_ID = "demo-migration-client";
    /** Revisions of the converted apps running in the stage: UndeployApps must bring back exactly these. */
    private static final List<Integer> REVISIONS = List.of(3, 2, 4);

    private final OdcStage stage;

    OdcDemoWorld(OdcStage stage) {
        this.stage = stage;
    }

    OdcStage stage() {
        return stage;
    }

    /**
     * The O11 end users ODC already knows before the run (every other one of the default tenant, in model order):
     * the migration must match them by e-mail, not create them again.
     */
    List<UserSpec> existingOdcUsers() {
        List<UserSpec> users = stage.odcUsers();
        return IntStream.range(0, users.size()).filter(i -> i % 2 == 0).mapToObj(users::get).toList();
    }

    /** The O11 end users of the default tenant ODC does not know yet: the migration creates them. */
    List<UserSpec> newOdcUsers() {
        List<UserSpec> existing = existingOdcUsers();
        return stage.odcUsers().stream().filter(u -> !existing.contains(u)).toList();
    }

    /**
     * The stage's mapping.yaml, each ODC app left at its default: the O11 app's name, which is what the simulated
     * portal calls the converted apps (the fixture's mapping names them {@code <App>App}).
     */
    String mappingYaml() {
        return stage.mappingYaml().lines().filter(line -> !line.strip().startsWith("odcApp:"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The simulator's state: LifeTime for the source, the ODC portal for the target. */
    String simulatorState(String lifeTimeToken, String odcClientSecret) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("lifetime:\n");
        yaml.append("  tokens: [").append(quote(lifeTimeToken)).append("]\n");
        yaml.append("  environments:\n");
        yaml.append("    - name: Production\n");
        yaml.append("      environmentType: Production\n");
        yaml.append("      databaseProvider: SqlServer\n");
        yaml.append("      applications:\n");
        for (String app : APPS) {
            yaml.append("        - {name: ").append(quote(app)).append("}\n");
        }
        yaml.append("        - {name: Service Center, isSystem: true}\n");
        yaml.append("odc:\n");
        yaml.append("  clients:\n");
        yaml.append("    - {clientId: ").append(quote(ODC_CLIENT_ID)).append(", clientSecret: ")
                .append(quote(odcClientSecret)).append("}\n");
        // a deployment operation reports Finished on its second poll, as a quick stage does
        yaml.append("  operations: {pollsToFinish: 2}\n");
        yaml.append("  stages:\n");
        yaml.append("    - {name: ").append(STAGE).append(", purpose: NonProduction}\n");
        yaml.append("  assets:\n");
        for (int i = 0; i < APPS.size(); i++) {
            yaml.append("    - {name: ").append(quote(APPS.get(i))).append(", deployments: [{stage: ")
                    .append(STAGE).append(", revision: ").append(REVISIONS.get(i)).append("}]}\n");
        }
        yaml.append("  users:\n");
        for (UserSpec user : existingOdcUsers()) {
            yaml.append("    - {key: ").append(quote(OdcStage.userKey(user))).append(", email: ")
                    .append(quote(user.email())).append(", name: ").append(quote(user.displayName())).append("}\n");
        }
        return yaml.toString();
    }

    /**
     * The manifests of the run.
     *
     * @param username        the database login (one login serves both databases)
     * @param password        its password
     * @param port            the embedded PostgreSQL server's port (both databases live on it)
     * @param production      the O11 Production database
     * @param stageDatabase   the ODC stage database
     * @param lifeTimeToken   the LifeTime service-account token the simulator accepts
     * @param odcClientSecret the secret of the ODC API client the simulator knows
     * @param lifeTimeUrl     the simulator's LifeTime API v2 base URL
     * @param odcPortalUrl    the simulator's ODC portal URL (its OpenID discovery document names the token endpoint)
     */
    String manifests(String username, String password, int port, String production, String stageDatabase,
            String lifeTimeToken, String odcClientSecret, String lifeTimeUrl, String odcPortalUrl) {
        List<String> documents = new ArrayList<>();
        documents.add(secret("demo-production-db", "username", username, "password", password));
        documents.add(secret("demo-stage-db", "username", username, "password", password));
        documents.add(secret("demo-lifetime", "token", lifeTimeToken, null, null));
        documents.add(secret("demo-odc-client", "clientId", ODC_CLIENT_ID, "clientSecret", odcClientSecret));
        StringBuilder mapping = new StringBuilder("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  mapping.yaml: |
                """.formatted(MAPPING_CONFIG_MAP));
        mappingYaml().lines().forEach(line -> mapping.append("    ").append(line).append('\n'));
        documents.add(mapping.toString());
        documents.add("""
                apiVersion: datamigration.dev/v1alpha1
                kind: DataMigration
                metadata:
                  name: %s
                spec:
                  source:
                    platform: O11
                    environment: Production
                    database:
                      engine: PostgreSQL
                      url: "jdbc:postgresql://127.0.0.1:%d/%s"
                      credentialsSecret: demo-production-db
                    downtime: StopEnvironment
                  target:
                    platform: ODC
                    environment: %s
                    database:
                      engine: PostgreSQL
                      url: "jdbc:postgresql://127.0.0.1:%d/%s"
                      credentialsSecret: demo-stage-db
                    downtime: UndeployApps
                    mapping:
                      configMap: %s
                  platformApi:
                    source:
                      url: %s
                      credentialsSecret: demo-lifetime
                    target:
                      url: %s
                      credentialsSecret: demo-odc-client
                  apps: [%s]
                  existingData: Replace
                  identity: Preserve
                  users:
                    match: Email
                    unmatched: Create
                  copier:
                    concurrentEntities: 2
                """.formatted(MIGRATION, port, production, STAGE, port, stageDatabase, MAPPING_CONFIG_MAP,
                quote(lifeTimeUrl), quote(odcPortalUrl), String.join(", ", APPS)));
        return String.join("---\n", documents);
    }

    private static String secret(String name, String key1, String value1, String key2, String value2) {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\nstringData:\n  " + key1 + ": "
                + quote(value1) + "\n" + (key2 == null ? "" : "  " + key2 + ": " + quote(value2) + "\n");
    }

    /** A YAML double-quoted scalar (the values here are generated: hex tokens, URLs, e-mails, names). */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

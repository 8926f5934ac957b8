package dev.datamigration.controller.testing;

import static org.awaitility.Awaitility.await;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.DatabaseSpec;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformApiSpec;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SourceSpec;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.TargetSpec;
import dev.datamigration.controller.DataMigrationOperator;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.api.v1alpha1.OdcMappingSpec;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.PlatformEndpoint;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.controller.platform.HttpPlatformClientFactory;
import dev.datamigration.controller.platform.PlatformClientFactory;
import dev.datamigration.platform.http.CallObserver;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A full operator against the CRUD mock API server: the committed CRD loaded first (so status is a subresource),
 * the credentials Secrets of the O11 -> O11 and O11 -> ODC runs, and the real platform clients talking to the
 * platform simulator over HTTP.
 */
public final class OperatorHarness implements AutoCloseable {

    /**
     * How long a test waits for a state the operator must reach. Generous on purpose: an await returns as soon as the
     * state holds, so only a failing test waits it out, and a host busy with other builds must not fail a test.
     */
    public static final Duration STATE_WAIT = Duration.ofMinutes(2);

    public static final String NAMESPACE = "refresh";
    public static final OperatorSettings SETTINGS = new OperatorSettings("registry.example/datamigration:test",
            "datamigration-copier", 10001L, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), 3);

    private final KubernetesClient client;
    private final PlatformSimulator platform;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DataMigrationOperator operator;

    public OperatorHarness(KubernetesClient client, PlatformSimulator platform) {
        this.client = client;
        this.platform = platform;
        try (InputStream crd = new FileInputStream(System.getProperty("datamigration.crd"))) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        } catch (IOException e) {
            throw new IllegalStateException("CRD not readable: " + System.getProperty("datamigration.crd"), e);
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    /** The real HTTP clients of the platform module, pointed at the simulator by the spec's URLs. */
    public PlatformClientFactory factory() {
        return new HttpPlatformClientFactory(PlatformSimulator.HTTP, CallObserver.NONE);
    }

    /** The operator's clock: the system's, moved on by {@link #advanceClock}. */
    private Clock clock = Clock.systemUTC();

    /**
     * Restarts the operator with its clock moved on by {@code by} (time limits counted from timestamps the API server
     * wrote); the operator is restart-safe.
     */
    public void advanceClock(Duration by) {
        stop();
        clock = Clock.offset(clock, by);
        start();
    }

    public OperatorHarness start() {
        operator = new DataMigrationOperator(client, Set.of(NAMESPACE), SETTINGS, factory(), clock,
                registry, Optional.empty());
        operator.start();
        return this;
    }

    public void stop() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public OperatorHarness secret(String name, Map<String, String> data) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withStringData(data).build()).create();
        return this;
    }

    /** A ConfigMap of the namespace with one key. */
    public OperatorHarness configMap(String name, String key, String value) {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withData(Map.of(key, value)).build()).create();
        return this;
    }

    /**
     * The Secrets of {@link #o11} and {@link #odc}, and the mapping ConfigMap of {@link #odc}: its apps keep their
     * O11 names in ODC (no odcApp).
     */
    public OperatorHarness standardSecrets() {
        configMap("odc-mapping", "mapping.yaml", """
                apps:
                  - app: Customers
                    entities: [{entity: Customers.Customer, table: custo_k3j9x2m4q7}]
                  - app: Orders
                    entities: [{entity: Orders.Order, table: order_u8aqr95gpfe02ysl1ro2h6s5}]
                """);
        secret("prod-db-readonly", Map.of("username", "reader", "password", "r-secret"));
        secret("qa-db-writer", Map.of("username", "writer", "password", "w-secret"));
        secret("lifetime-token", Map.of("token", PlatformSimulator.LT_TOKEN));
        secret("odc-client", Map.of("clientId", PlatformSimulator.ODC_CLIENT_ID, "clientSecret",
                PlatformSimulator.ODC_CLIENT_SECRET));
        secret("odc-db-writer", Map.of("username", "writer", "password", "o-secret"));
        return this;
    }

    /** {@link #migration} with the simulator's LifeTime URL. */
    public DataMigration o11(String name, String... apps) {
        DataMigration migration = migration(name, apps);
        migration.getSpec().getPlatformApi().setUrl(platform.lifeTimeUrl());
        return migration;
    }

    /** O11 Production -> ODC stage Test (PostgreSQL, users by Email), LifeTime for the source, ODC for the target. */
    public DataMigration odc(String name, String... apps) {
        DataMigration migration = o11(name, apps);
        TargetSpec target = migration.getSpec().getTarget();
        target.setPlatform(Platform.ODC);
        target.setEnvironment("Test");
        target.getDatabase().setEngine(DatabaseEngine.PostgreSQL);
        target.getDatabase().setUrl("jdbc:postgresql://odc-test:5432/stage");
        target.getDatabase().setCredentialsSecret("odc-db-writer");
        OdcMappingSpec mapping = new OdcMappingSpec();
        mapping.setConfigMap("odc-mapping");
        target.setMapping(mapping);
        UsersSpec users = new UsersSpec();
        users.setMatch(UserMatch.Email);
        migration.getSpec().setUsers(users);
        PlatformEndpoint odc = new PlatformEndpoint();
        odc.setUrl(platform.odcUrl());
        odc.setCredentialsSecret("odc-client");
        migration.getSpec().getPlatformApi().setTarget(odc);
        return migration;
    }

    /** O11 Production -> O11 QA, StopEnvironment + UndeployApps, parallelism 2 (URL of a real LifeTime). */
    public static DataMigration migration(String name, String... apps) {
        DataMigration migration = new DataMigration();
        migration.getMetadata().setName(name);
        migration.getMetadata().setNamespace(NAMESPACE);
        DataMigrationSpec spec = new DataMigrationSpec();
        SourceSpec source = new SourceSpec();
        source.setEnvironment("Production");
        source.setDatabase(database("jdbc:sqlserver://prod-db:1433;databaseName=outsystems", "prod-db-readonly"));
        source.setDowntime(SourceDowntime.StopEnvironment);
        spec.setSource(source);
        TargetSpec target = new TargetSpec();
        target.setEnvironment("QA");
        target.setDatabase(database("jdbc:sqlserver://qa-db:1433;databaseName=outsystems", "qa-db-writer"));
        target.setDowntime(TargetDowntime.UndeployApps);
        spec.setTarget(target);
        PlatformApiSpec api = new PlatformApiSpec();
        api.setUrl("https://lifetime.example.com/lifetimeapi/rest/v2");
        api.setCredentialsSecret("lifetime-token");
        spec.setPlatformApi(api);
        spec.setApps(List.of(apps));
        migration.setSpec(spec);
        return migration;
    }

    private static DatabaseSpec database(String url, String secret) {
        DatabaseSpec database = new DatabaseSpec();
        database.setEngine(DatabaseEngine.SqlServer);
        database.setUrl(url);
        database.setCredentialsSecret(secret);
        return database;
    }

    public DataMigration create(DataMigration migration) {
        return client.resource(migration).create();
    }

    public DataMigration get(String name) {
        return client.resources(DataMigration.class).inNamespace(NAMESPACE).withName(name).get();
    }

    public DataMigration awaitPhase(String name, Phase phase) {
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            DataMigration current = get(name);
            return current != null && current.getStatus() != null && current.getStatus().getPhase() == phase;
        });
        return get(name);
    }

    /** Events about a migration, oldest first. */
    public List<Event> events(String name) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(Event::getFirstTimestamp))
                .toList();
    }

    public List<String> eventReasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }
}

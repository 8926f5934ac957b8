package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.task.Contracts;
import dev.datamigration.api.task.PlanReport;
import dev.datamigration.api.task.PlannedApp;
import dev.datamigration.api.task.PlannedEntity;
import dev.datamigration.api.task.Progress;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationSpec;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.DatabaseEngine;
import dev.datamigration.api.v1alpha1.DatabaseSpec;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformApiSpec;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.SourceSpec;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.api.v1alpha1.TargetSpec;
import dev.datamigration.devtools.local.CopierLauncher;
import dev.datamigration.devtools.local.LocalCluster;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.controller.OperatorSettings;
import dev.datamigration.controller.naming.ResourceNames;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.model.UserSpec;
import dev.datamigration.fixtures.odc.OdcStage;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One end-to-end world per test: fresh Production and QA databases built by the O11 factory on the shared embedded
 * PostgreSQL, the platform simulator over HTTP (LifeTime v2 with Production and QA), and the local cluster (the
 * CRUD API server, the real operator, the Job runner starting the real copier as child JVMs). It creates the
 * Secrets and DataMigrations as a user would and reads back what a user (or kubectl) would see.
 */
final class E2eCluster implements AutoCloseable {

    static final String NAMESPACE = "refresh";
    static final String LT_TOKEN = "lt-e2e-service-account-token";
    /** The ODC API client of the stage Test (O11 -> ODC runs). */
    static final String ODC_CLIENT_ID = "dm-e2e-client";
    static final String ODC_CLIENT_SECRET = "dm-e2e-client-secret";
    static final String PRODUCTION_KEY = "11111111-0000-4000-8000-000000000001";
    static final String QA_KEY = "11111111-0000-4000-8000-000000000002";
    /** A path pattern for faults on the maintenance mode of an environment (stop of Production, undeploy in QA). */
    static final String PRODUCTION_MAINTENANCE = ".*/environments/" + PRODUCTION_KEY + "/maintenancemode";
    static final String QA_MAINTENANCE = ".*/environments/" + QA_KEY + "/maintenancemode";
    /** Generous: a copier JVM takes seconds on a loaded machine; nothing here asserts speed. */
    static final Duration PATIENCE = Duration.ofMinutes(4);

    /**
     * Production runs the three factory apps and Reports; QA has them too, but Reports is not deployed there. The
     * LifeTime client talks to it exactly as to a real LifeTime. The ODC stage Test runs the three apps under the ODC
     * names the stage fixture's mapping gives them (CatalogApp, ...: odcApp); its end users come last (a YAML list).
     */
    private static final String PLATFORM_STATE = """
            lifetime:
              tokens: [%s]
              environments:
                - key: %s
                  name: Production
                  environmentType: Production
                  databaseProvider: SqlServer
                  applications: [{name: Catalog}, {name: Customers}, {name: Orders}, {name: Reports}]
                - key: %s
                  name: QA
                  environmentType: Test
                  databaseProvider: SqlServer
                  applications: [{name: Catalog}, {name: Customers}, {name: Orders},
                                 {name: Reports, deployed: false}]
            odc:
              clients:
                - {clientId: %s, clientSecret: %s}
              operations: {pollsToFinish: 1}
              stages:
                - {key: 22222222-0000-4000-8000-000000000002, name: Test, purpose: NonProduction}
              assets:
                - {key: bbbbbbbb-0000-4000-8000-000000000001, name: CatalogApp,
                   deployments: [{stage: Test, revision: 3, buildKey: cccccccc-0000-4000-8000-000000000001}]}
                - {key: bbbbbbbb-0000-4000-8000-000000000002, name: CustomersApp,
                   deployments: [{stage: Test, revision: 2, buildKey: cccccccc-0000-4000-8000-000000000002}]}
                - {key: bbbbbbbb-0000-4000-8000-000000000003, name: OrdersApp,
                   deployments: [{stage: Test, revision: 4, buildKey: cccccccc-0000-4000-8000-000000000003}]}
              users:
            %s""";

    /**
     * Quick operator pacing (poll 500 ms, back-off 500 ms .. 2 s, 3 attempts per platform step) and HTTP settings
     * (3 s per attempt, 2 attempts per call) so that failure scenarios end in seconds; the behaviour is the same as
     * with production pacing.
     */
    static final OperatorSettings OPERATOR_SETTINGS = OperatorSettings.defaults(LocalOperator.LOCAL_IMAGE)
            .withPacing(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2), 3);
    static final HttpSettings HTTP = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 2,
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(15));
    /** Child JVM options for many short copier runs: C1 only and the serial collector start fastest. */
    private static final List<String> COPIER_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern MAINTENANCE = Pattern.compile(".*/environments/([^/]+)/maintenancemode");
    private static O11Factory plainFactory;
    private static O11Factory unmatchedUserFactory;

    private final Map<String, PodHook> podHooks;
    private final Path dir;
    private final O11Factory factory;
    private final FactoryDatabases databases;
    private final SimulatorServer simulator;
    private final LocalCluster cluster;

    private E2eCluster(Path dir, O11Factory factory, FactoryDatabases databases, SimulatorServer simulator,
            LocalCluster cluster, Map<String, PodHook> podHooks) {
        this.podHooks = podHooks;
        this.dir = dir;
        this.factory = factory;
        this.databases = databases;
        this.simulator = simulator;
        this.cluster = cluster;
    }

    /** The factory at scale 1 where every Production user has a QA counterpart. */
    static synchronized O11Factory matchedUsersFactory() {
        if (plainFactory == null) {
            plainFactory = O11Factory.builder().scale(1).unmatchedUser(false).build();
        }
        return plainFactory;
    }

    /** The factory at scale 1 with ghost.user: referenced by Orders in Production, absent from QA. */
    static synchronized O11Factory factoryWithUnmatchedUser() {
        if (unmatchedUserFactory == null) {
            unmatchedUserFactory = O11Factory.builder().scale(1).unmatchedUser(true).build();
        }
        return unmatchedUserFactory;
    }

    /** Builds the databases, starts the simulator and the local cluster, and creates the standard Secrets. */
    static E2eCluster start(Path dir, O11Factory factory, String databasePrefix) throws Exception {
        return start(dir, factory, databasePrefix, List.of());
    }

    /**
     * As {@link #start(Path, O11Factory, String)}, with {@code odcUsers} as the ODC stage's end users (Identity API),
     * each with the key {@link OdcStage#userKey} gives it: the key the stage fixture expects for a matched user.
     */
    static E2eCluster start(Path dir, O11Factory factory, String databasePrefix, List<UserSpec> odcUsers)
            throws Exception {
        FactoryDatabases databases = factory.createDatabases(EmbeddedPostgres.shared(), databasePrefix);
        StringBuilder users = new StringBuilder();
        for (UserSpec user : odcUsers) {
            users.append("    - {key: ").append(OdcStage.userKey(user)).append(", email: '").append(user.email())
                    .append("', name: '").append(user.displayName()).append("'}\n");
        }
        SimulatorServer simulator = SimulatorServer.start(SimulatorState.parse(PLATFORM_STATE.formatted(
                LT_TOKEN, PRODUCTION_KEY, QA_KEY, ODC_CLIENT_ID, ODC_CLIENT_SECRET,
                users.isEmpty() ? "    []" : users.toString())));
        Map<String, PodHook> hooks = new ConcurrentHashMap<>();
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(LocalOperator.launcher(OPERATOR_SETTINGS, HTTP), NAMESPACE,
                    dir.resolve("work"), dir.resolve("kubeconfig"), 0,
                    kubeconfig -> hooked(CopierLauncher.childJvm(kubeconfig, "384m", COPIER_JVM), hooks));
        } catch (Exception e) {
            simulator.close();
            databases.drop();
            throw e;
        }
        E2eCluster e2e = new E2eCluster(dir, factory, databases, simulator, cluster, hooks);
        e2e.secret("prod-db", Map.of("username", EmbeddedPostgres.shared().username(),
                "password", EmbeddedPostgres.shared().password()));
        e2e.secret("qa-db", Map.of("username", EmbeddedPostgres.shared().username(),
                "password", EmbeddedPostgres.shared().password()));
        e2e.secret("lifetime", Map.of("token", LT_TOKEN));
        return e2e;
    }

    /** What the test does just before the Job runner starts a pod (e.g. lock a table the copier will need). */
    @FunctionalInterface
    interface PodHook {
        void beforeStart() throws Exception;
    }

    /** Runs {@code hook} once, right before the pod {@code podName} ({@code <job>-<attempt>}) starts. */
    void beforePodStarts(String podName, PodHook hook) {
        podHooks.put(podName, hook);
    }

    private static CopierLauncher hooked(CopierLauncher launcher, Map<String, PodHook> hooks) {
        return (args, env, workingDir, log) -> {
            PodHook hook = hooks.remove(env.get("POD_NAME"));
            if (hook != null) {
                try {
                    hook.beforeStart();
                } catch (Exception e) {
                    throw new IOException("pod hook of " + env.get("POD_NAME") + " failed: " + e.getMessage(), e);
                }
            }
            return launcher.launch(args, env, workingDir, log);
        };
    }

    KubernetesClient client() {
        return cluster.client();
    }

    LocalCluster cluster() {
        return cluster;
    }

    SimulatorServer simulator() {
        return simulator;
    }

    FactoryDatabases databases() {
        return databases;
    }

    O11Factory factory() {
        return factory;
    }

    void secret(String name, Map<String, String> data) {
        client().secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build())
                .withStringData(data).build()).createOr(existing -> existing.update());
    }

    /**
     * A refresh of QA from Production as the user guide shows it: StopEnvironment on the source, UndeployApps on the
     * target, existingData Replace, identity Preserve, users matched by username (unmatched: Fail).
     */
    DataMigration migration(String name, String... apps) {
        var migration = new DataMigration();
        migration.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        var spec = new DataMigrationSpec();
        var source = new SourceSpec();
        source.setEnvironment("Production");
        source.setDatabase(database(databases.productionUrl(), "prod-db"));
        source.setDowntime(SourceDowntime.StopEnvironment);
        var target = new TargetSpec();
        target.setEnvironment("QA");
        target.setDatabase(database(databases.qaUrl(), "qa-db"));
        target.setDowntime(TargetDowntime.UndeployApps);
        var platformApi = new PlatformApiSpec();
        platformApi.setUrl(simulator.lifeTimeApiUrl());
        platformApi.setCredentialsSecret("lifetime");
        spec.setSource(source);
        spec.setTarget(target);
        spec.setPlatformApi(platformApi);
        spec.setApps(List.of(apps));
        migration.setSpec(spec);
        return migration;
    }

    /**
     * O11 Production -> the ODC stage Test whose database is {@code stageUrl} (secret {@code stage-db}), its entities
     * mapped by the ConfigMap {@code mappingConfigMap}; users matched by Email; LifeTime for the source, the ODC APIs
     * (client {@code odc-client}) for the target.
     */
    DataMigration odcMigration(String name, String stageUrl, String mappingConfigMap, String... apps) {
        DataMigration migration = migration(name, apps);
        TargetSpec target = migration.getSpec().getTarget();
        target.setPlatform(dev.datamigration.api.v1alpha1.Platform.ODC);
        target.setEnvironment("Test");
        target.setDatabase(database(stageUrl, "stage-db"));
        var mapping = new dev.datamigration.api.v1alpha1.OdcMappingSpec();
        mapping.setConfigMap(mappingConfigMap);
        target.setMapping(mapping);
        var users = new dev.datamigration.api.v1alpha1.UsersSpec();
        users.setMatch(dev.datamigration.api.v1alpha1.UserMatch.Email);
        migration.getSpec().setUsers(users);
        var odc = new dev.datamigration.api.v1alpha1.PlatformEndpoint();
        odc.setUrl(simulator.odcPortalUrl());
        odc.setCredentialsSecret("odc-client");
        var lifeTime = new dev.datamigration.api.v1alpha1.PlatformEndpoint();
        lifeTime.setUrl(simulator.lifeTimeApiUrl());
        lifeTime.setCredentialsSecret("lifetime");
        migration.getSpec().getPlatformApi().setUrl(null);
        migration.getSpec().getPlatformApi().setCredentialsSecret(null);
        migration.getSpec().getPlatformApi().setSource(lifeTime);
        migration.getSpec().getPlatformApi().setTarget(odc);
        secret("stage-db", Map.of("username", EmbeddedPostgres.shared().username(),
                "password", EmbeddedPostgres.shared().password()));
        secret("odc-client", Map.of("clientId", ODC_CLIENT_ID, "clientSecret", ODC_CLIENT_SECRET));
        return migration;
    }

    /** Creates (or replaces) a ConfigMap of the namespace with one key. */
    void configMap(String name, String key, String value) {
        client().configMaps().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build())
                .withData(Map.of(key, value)).build()).createOr(existing -> existing.update());
    }

    private static DatabaseSpec database(String url, String secret) {
        var database = new DatabaseSpec();
        database.setEngine(DatabaseEngine.PostgreSQL);
        database.setUrl(url);
        database.setCredentialsSecret(secret);
        return database;
    }

    DataMigration create(DataMigration migration) {
        return client().resource(migration).create();
    }

    DataMigration get(String name) {
        return client().resources(DataMigration.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** Sets spec.cancel, as {@code kubectl patch dm NAME --type merge -p '{"spec":{"cancel":true}}'} does. */
    void cancel(String name) {
        // A merge patch carries no resourceVersion, so it cannot conflict with the operator's status writes.
        client().resources(DataMigration.class).inNamespace(NAMESPACE).withName(name)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
    }

    /** Waits for {@code phase}; fails at once, with the status and copier logs, when another terminal phase comes. */
    DataMigration awaitPhase(String name, Phase phase) throws InterruptedException {
        return awaitStatus(name, "phase " + phase, status -> status.getPhase() == phase);
    }

    /** Waits until the status satisfies {@code condition}; fails early if the run ends without it. */
    DataMigration awaitStatus(String name, String what, Predicate<DataMigrationStatus> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        DataMigration current = null;
        while (Instant.now().isBefore(deadline)) {
            current = get(name);
            DataMigrationStatus status = current == null ? null : current.getStatus();
            if (status != null && condition.test(status)) {
                return current;
            }
            if (status != null && status.getPhase() != null && status.getPhase().isTerminal()) {
                throw new AssertionError("migration " + name + " ended " + status.getPhase() + " before " + what
                        + "\n" + Serialization.asYaml(current) + copierLogs());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " for " + name + " within " + PATIENCE + "\n"
                + (current == null ? "(gone)" : Serialization.asYaml(current)) + copierLogs());
    }

    /** The whole log of a Job's first pod. */
    String podLog(String jobName) throws IOException {
        return Files.readString(dir.resolve("work").resolve(NAMESPACE).resolve(jobName).resolve("attempt-0")
                .resolve("pod.log"), StandardCharsets.UTF_8);
    }

    /** Every pod log the Job runner kept, for failure messages. */
    String copierLogs() {
        StringBuilder logs = new StringBuilder();
        Path work = dir.resolve("work");
        if (!Files.isDirectory(work)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path log : files.filter(p -> p.getFileName().toString().equals("pod.log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                logs.append("\n--- ").append(work.relativize(log)).append(" ---\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(line -> logs.append(line).append('\n'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs.toString();
    }

    Job job(String name) {
        return client().batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    /**
     * When the operator released a Job created to wait for it (a catch-up Job, {@code awaitRelease}): the release key
     * of its task ConfigMap; null while it waits.
     */
    Instant released(String jobName) {
        ConfigMap task = client().configMaps().inNamespace(NAMESPACE).withName(jobName + Contracts.TASK_SUFFIX).get();
        String at = task == null || task.getData() == null ? null : task.getData().get(Contracts.RELEASE_KEY);
        return at == null ? null : Instant.parse(at);
    }

    /**
     * The cutover's timing in a finished StopAfterCopy run: {@code stoppedAt} is the stop operation's time (the
     * fourth operation, after the three undeploys), every app's catch-up Job was released after it (so it read the
     * source only then), and {@code downtime} runs from it to the Copied condition's transition.
     */
    void assertCutoverTimes(DataMigrationStatus status, String migration, List<String> apps) {
        PlatformOperation stop = status.getOperations().get(3);
        assertThat(stop.getAction()).isEqualTo(PlatformAction.StopEnvironment);
        assertThat(status.getSource().getStoppedAt()).isEqualTo(stop.getTime());
        for (String app : apps) {
            assertThat(released(ResourceNames.catchUpJob(migration, app))).as(app)
                    .isAfterOrEqualTo(Instant.parse(stop.getTime()));
        }
        Condition copied = status.getConditions().stream().filter(c -> c.getType().equals("Copied")).findFirst()
                .orElseThrow();
        Duration downtime = Duration.between(Instant.parse(status.getSource().getStoppedAt()),
                Instant.parse(copied.getLastTransitionTime()));
        assertThat(status.getSource().getDowntime()).isEqualTo(downtime.getSeconds() + "s");
    }

    /** Names of the Jobs that exist now, sorted. */
    List<String> jobNames() {
        return client().batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .map(job -> job.getMetadata().getName()).sorted().toList();
    }

    /** How many pods (attempts) the Job runner started for a Job. */
    long attempts(String jobName) throws IOException {
        Path jobDir = dir.resolve("work").resolve(NAMESPACE).resolve(jobName);
        if (!Files.isDirectory(jobDir)) {
            return 0;
        }
        try (Stream<Path> attempts = Files.list(jobDir)) {
            return attempts.filter(p -> p.getFileName().toString().startsWith("attempt-")).count();
        }
    }

    /** The copier's progress report of a Job, as the operator reads it from the progress ConfigMap. */
    Progress progress(String jobName) throws IOException {
        ConfigMap configMap = client().configMaps().inNamespace(NAMESPACE)
                .withName(jobName + Contracts.PROGRESS_SUFFIX).get();
        if (configMap == null || configMap.getData() == null
                || !configMap.getData().containsKey(Contracts.PROGRESS_KEY)) {
            return null;
        }
        return JSON.readValue(configMap.getData().get(Contracts.PROGRESS_KEY), Progress.class);
    }

    /** A check of a copier's progress that may read more of the cluster. */
    @FunctionalInterface
    interface ProgressCheck {
        boolean test(Progress progress) throws Exception;
    }

    /** Waits until the progress report of a Job satisfies {@code check}. */
    Progress awaitProgress(String job, String what, ProgressCheck check) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        Progress progress = null;
        while (Instant.now().isBefore(deadline)) {
            progress = progress(job);
            if (progress != null && progress.getEntities() != null && check.test(progress)) {
                return progress;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " in the progress of " + job + " within " + PATIENCE + ": "
                + (progress == null ? "none" : JSON.writeValueAsString(progress)) + copierLogs());
    }

    /** The plan the plan Job reported (plan.json in its progress ConfigMap). */
    PlanReport plan(String migration) throws IOException {
        ConfigMap configMap = client().configMaps().inNamespace(NAMESPACE)
                .withName(migration + "-plan" + Contracts.PROGRESS_SUFFIX).get();
        if (configMap == null || configMap.getData() == null || !configMap.getData().containsKey(Contracts.PLAN_KEY)) {
            throw new AssertionError("no plan.json for " + migration);
        }
        return JSON.readValue(configMap.getData().get(Contracts.PLAN_KEY), PlanReport.class);
    }

    /** The last entity the plan copies for {@code app}. */
    PlannedEntity lastPlannedEntity(String migration, String app) throws IOException {
        PlannedApp planned = plan(migration).getApps().stream().filter(a -> a.getName().equals(app)).findFirst()
                .orElseThrow(() -> new AssertionError("app " + app + " is not in the plan"));
        return planned.getEntities().get(planned.getEntities().size() - 1);
    }

    /** The target table of a planned entity. */
    String plannedTargetTable(String migration, String entity) throws IOException {
        return plan(migration).getApps().stream().flatMap(a -> a.getEntities().stream())
                .filter(e -> e.getName().equals(entity)).map(PlannedEntity::getTargetTable).findFirst()
                .orElseThrow(() -> new AssertionError("no planned entity " + entity));
    }

    /** The reasons of the Events about a migration, oldest first. */
    List<String> eventReasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }

    List<Event> events(String name) {
        return client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(event -> String.valueOf(event.getFirstTimestamp())))
                .toList();
    }

    /**
     * Every call that reached the platform and was not a read, in order, as "Production maintenance on",
     * "QA maintenance off"; a call answered by an injected fault is prefixed with its status ("503 ...").
     */
    List<String> sideEffects() {
        return simulator.calls().stream().filter(call -> !"GET".equals(call.method()))
                .map(E2eCluster::render).toList();
    }

    /** How many calls of any kind reached the platform. */
    List<RecordedCall> calls() {
        return simulator.calls();
    }

    private static String render(RecordedCall call) {
        String prefix = call.fault() != null ? call.status() + " " : "";
        Matcher maintenance = MAINTENANCE.matcher(call.path());
        if (maintenance.matches()) {
            String environment = switch (maintenance.group(1)) {
                case PRODUCTION_KEY -> "Production";
                case QA_KEY -> "QA";
                default -> maintenance.group(1);
            };
            boolean on = call.body() != null && call.body().replace(" ", "")
                    .contains("\"IsMaintenanceModeEnabled\":true");
            return prefix + environment + " maintenance " + (on ? "on" : "off");
        }
        return prefix + call.method() + " " + call.path();
    }

    /** Asserts every QA application table holds exactly the oracle's rows. */
    void assertQaHolds(ExpectedOutcome expected) throws SQLException {
        try (Connection qa = databases.connectQa()) {
            for (String table : expected.tables()) {
                assertThat(Rows.read(qa, table)).as("QA table %s", table).isEqualTo(expected.rows(table));
            }
        }
    }

    /** Asserts every Production application table is exactly as the factory generated it. */
    void assertProductionUnchanged(ExpectedOutcome expected) throws SQLException {
        try (Connection production = databases.connectProduction()) {
            for (String table : expected.productionTables()) {
                assertThat(Rows.read(production, table)).as("Production table %s", table)
                        .isEqualTo(expected.productionRows(table));
            }
        }
    }

    /** A snapshot of QA tables, to compare with after a run that must not touch them. */
    Map<String, List<Map<String, Object>>> readQa(List<String> tables) throws SQLException {
        Map<String, List<Map<String, Object>>> snapshot = new java.util.LinkedHashMap<>();
        try (Connection qa = databases.connectQa()) {
            for (String table : tables) {
                snapshot.put(table, Rows.read(qa, table));
            }
        }
        return snapshot;
    }

    /**
     * The row versions of a QA table: count, smallest and largest inserting transaction id (xmin). Equal before and
     * after means no row of the table was written again in between.
     */
    String qaRowVersions(String table) throws SQLException {
        try (Connection qa = databases.connectQa(); Statement statement = qa.createStatement();
                var rs = statement.executeQuery("SELECT count(*), min(xmin::text::bigint), max(xmin::text::bigint)"
                        + " FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1) + " rows, xmin " + rs.getLong(2) + ".." + rs.getLong(3);
        }
    }

    /**
     * Makes every insert into a QA table wait until the returned hold is closed: a trigger takes a shared advisory
     * lock that this hold owns exclusively. A copier reaching that entity stops inside it (after the wipe and the
     * entities before it), deterministically, which is where the kill, restart, cancel and delete scenarios act.
     * Closing releases the lock; the trigger stays and then costs nothing.
     */
    InsertHold holdInsertsInto(String qaTable) throws SQLException {
        return holdInsertsInto(databases.connectQa(), qaTable, HOLD_KEY);
    }

    /**
     * As {@link #holdInsertsInto(String)}, on a table of any database (an ODC stage) reached through
     * {@code connection}, which the hold owns and closes. Holds with different {@code key}s are released one by one
     * (each key has its own trigger function).
     */
    static InsertHold holdInsertsInto(Connection connection, String table, long key) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            statement.execute("CREATE OR REPLACE FUNCTION e2e_hold_inserts_" + key + "() RETURNS trigger"
                    + " LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared(" + key + "); RETURN NEW;"
                    + " END $$");
            statement.execute("CREATE TRIGGER e2e_hold BEFORE INSERT ON \"" + table
                    + "\" FOR EACH ROW EXECUTE FUNCTION e2e_hold_inserts_" + key + "()");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new InsertHold(connection, key);
    }

    private static final long HOLD_KEY = 7_331L;

    /** Inserts held back by {@link #holdInsertsInto}; closing lets them through. */
    static final class InsertHold implements AutoCloseable {
        private final Connection connection;
        private final long key;
        private boolean released;

        private InsertHold(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public synchronized void close() throws SQLException {
            if (!released) {
                released = true;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                } finally {
                    connection.close();
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            try {
                simulator.close();
            } finally {
                databases.drop();
            }
        }
    }
}

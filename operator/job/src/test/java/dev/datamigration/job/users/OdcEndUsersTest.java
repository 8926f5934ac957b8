package dev.datamigration.job.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.datamigration.api.task.DatabaseEndpoint;
import dev.datamigration.api.task.JobTask;
import dev.datamigration.api.task.OdcPlatformEndpoint;
import dev.datamigration.api.task.UserCounts;
import dev.datamigration.api.v1alpha1.Platform;
import dev.datamigration.api.v1alpha1.UnmatchedUsers;
import dev.datamigration.api.v1alpha1.UserMatch;
import dev.datamigration.api.v1alpha1.UsersSpec;
import dev.datamigration.engine.MigrationException;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.job.TaskException;
import dev.datamigration.platform.EndUserDirectory.EndUser;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.simulator.FaultRule;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end users of the O11 factory's Production (users of the Users provider: john.doe 42, maria.silva 43, 李伟 45,
 * ghost.user 46, the inactive former.staff 47) matched into the simulator's ODC over real HTTP. ODC holds john.doe's
 * e-mail and maria's in upper case, and an unrelated user.
 */
@EnableKubernetesMockClient(crud = true)
class OdcEndUsersTest {

    static KubernetesClient client;

    private static final String JOHN_KEY = "dddddddd-0000-4000-8000-000000000042";
    private static final String MARIA_KEY = "dddddddd-0000-4000-8000-000000000043";
    private static final String STATE = """
            odc:
              clients:
                - {clientId: dm-operator, clientSecret: dm-secret-value}
              operations: {pollsToFinish: 2}
              stages:
                - {key: 22222222-0000-4000-8000-000000000002, name: Test}
              users:
                - {key: dddddddd-0000-4000-8000-000000000001, email: ana.silva@example.com, name: Ana Silva}
                - {key: dddddddd-0000-4000-8000-000000000042, email: john.doe@example.com, name: John D.}
                - {key: dddddddd-0000-4000-8000-000000000043, email: MARIA@EXAMPLE.COM, name: Maria S.}
            """;

    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
    private static FactoryDatabases dbs;
    private static FactoryDatabases badDbs;

    @TempDir
    Path dir;

    private SimulatorServer simulator;

    @BeforeAll
    static void createFactories() throws Exception {
        dbs = O11Factory.builder().build().createDatabases(EmbeddedPostgres.shared(), "odcusers");
        badDbs = O11Factory.builder().badEmails(true).build().createDatabases(EmbeddedPostgres.shared(),
                "odcbadmails");
    }

    @AfterAll
    static void dropFactories() {
        if (dbs != null) {
            dbs.drop();
        }
        if (badDbs != null) {
            badDbs.drop();
        }
    }

    @BeforeEach
    void startSimulator() throws Exception {
        simulator = SimulatorServer.start(SimulatorState.parse(STATE));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private JobTask task(UnmatchedUsers unmatched, String usersConfigMap) throws Exception {
        Path credentials = Files.createDirectories(dir.resolve("odc"));
        Files.writeString(credentials.resolve("clientId"), "dm-operator\n");
        Files.writeString(credentials.resolve("clientSecret"), "dm-secret-value\n");
        JobTask task = new JobTask();
        // the in-process ledger lives as long as the JVM: one migration name per test
        task.setMigration("to-odc-" + RUNS.incrementAndGet());
        task.setNamespace("refresh");
        DatabaseEndpoint target = new DatabaseEndpoint();
        target.setPlatform(Platform.ODC);
        task.setTarget(target);
        UsersSpec users = new UsersSpec();
        users.setMatch(UserMatch.Email);
        users.setUnmatched(unmatched);
        task.setUsers(users);
        OdcPlatformEndpoint odc = new OdcPlatformEndpoint();
        odc.setPortalUrl(simulator.odcPortalUrl());
        odc.setCredentialsDir(credentials.toString());
        odc.setUsersConfigMap(usersConfigMap);
        task.setOdcPlatform(odc);
        return task;
    }

    private static final HttpSettings FAST = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
            Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(30));

    private UsersResolver resolver(JobTask task, Optional<KubernetesClient> kubernetes) {
        return OdcEndUsers.resolver(task, kubernetes, FAST, Duration.ofMillis(10), Duration.ofSeconds(10));
    }

    private UsersResolver.Result resolve(JobTask task, FactoryDatabases from, Optional<KubernetesClient> kubernetes)
            throws Exception {
        try (Connection source = from.connectProduction()) {
            return resolver(task, kubernetes).resolve(dev.datamigration.engine.users.O11EndUsers.read(source),
                    task.getUsers().getUnmatched());
        }
    }

    private List<RecordedCall> writeCalls() {
        return simulator.calls().stream()
                .filter(c -> !c.method().equals("GET") && !c.path().equals("/identity/connect/token"))
                .toList();
    }

    private static Map<Long, Optional<String>> keysOf(UsersResolver.Result result, long... ids) {
        Map<Long, Optional<String>> keys = new java.util.LinkedHashMap<>();
        for (long id : ids) {
            keys.put(id, result.keys().keyOf(id));
        }
        return keys;
    }

    @Test
    void planMatchesByEmailIgnoringCaseAndCountsWhatTheCopyWillCreate() throws Exception {
        UsersPlanCheck.Result result;
        try (Connection source = dbs.connectProduction()) {
            result = OdcEndUsers.plan(task(UnmatchedUsers.Create, null), source);
        }

        assertThat(result.errors()).isEmpty();
        assertThat(result.counts()).isEqualTo(new UserCounts(2, 0, 0, 3L));
        assertThat(writeCalls()).isEmpty();
        assertThat(simulator.callLog().matching("GET", "/api/identity/v1/users")).extracting(RecordedCall::query)
                .containsExactly("limit=100&offset=0");
    }

    @Test
    void emailProblemsAndUnmatchedUsersFailThePlanAllAtOnceWithoutAnyPlatformWrite() throws Exception {
        UsersPlanCheck.Result result;
        try (Connection source = badDbs.connectProduction()) {
            result = OdcEndUsers.plan(task(UnmatchedUsers.Fail, null), source);
        }

        assertThat(result.errors()).containsExactly(
                "1 end user(s) of the Users provider have no e-mail (users.match: Email needs one for every active"
                        + " and inactive user): user ids 48",
                "2 end user(s) of the Users provider have an invalid e-mail: user ids 49, 51",
                "1 e-mail(s) are shared by several end users of the Users provider (compared ignoring case):"
                        + " user ids 42, 50",
                "6 end user(s) of the Users provider have no ODC user with the same e-mail (users.unmatched: Fail):"
                        + " user ids 45, 46, 47, 48, 49, 51");
        assertThat(result.counts()).isEqualTo(new UserCounts(3, 0, 0, null));
        assertThat(writeCalls()).isEmpty();
        assertThat(simulator.odcUsers()).hasSize(3);
    }

    @Test
    void createMakesTheMissingUsersInOneBulkOperationInactiveOnesInactive() throws Exception {
        UsersResolver.Result result = resolve(task(UnmatchedUsers.Create, null), dbs, Optional.empty());

        List<EndUser> odc = simulator.odcUsers();
        assertThat(odc).extracting(EndUser::email, EndUser::name, EndUser::active).containsExactly(
                tuple("ana.silva@example.com", "Ana Silva", true),
                tuple("john.doe@example.com", "John D.", true),
                tuple("MARIA@EXAMPLE.COM", "Maria S.", true),
                tuple("li.wei@例え.jp", "李伟", true),
                tuple("ghost@example.com", "Former Employee", true),
                tuple("former.staff@example.com", "Former Staff", false));
        assertThat(keysOf(result, 42, 43, 45, 46, 47, 1, 44)).containsExactly(
                Map.entry(42L, Optional.of(JOHN_KEY)),
                Map.entry(43L, Optional.of(MARIA_KEY)),
                Map.entry(45L, Optional.of(odc.get(3).key())),
                Map.entry(46L, Optional.of(odc.get(4).key())),
                Map.entry(47L, Optional.of(odc.get(5).key())),
                // admin (ServiceCenter) and maria.silva of Acme: other providers, their references become NULL
                Map.entry(1L, Optional.empty()),
                Map.entry(44L, Optional.empty()));
        assertThat(result.counts()).isEqualTo(new UserCounts(2, 3, 0, null));
        assertThat(writeCalls()).extracting(RecordedCall::method, RecordedCall::path)
                .containsExactly(tuple("POST", "/api/identity/v1/users/bulk"));
        assertThat(simulator.callLog().matching("GET", "/api/identity/v1/users/bulk/.*")).hasSize(2);
    }

    @Test
    void aSecondRunFindsTheUsersCreatedBeforeAndCreatesNone() throws Exception {
        JobTask task = task(UnmatchedUsers.Create, null);
        UsersResolver.Result first = resolve(task, dbs, Optional.empty());
        simulator.callLog().clear();

        UsersResolver.Result second = resolve(task, dbs, Optional.empty());

        assertThat(keysOf(second, 42, 43, 45, 46, 47)).isEqualTo(keysOf(first, 42, 43, 45, 46, 47));
        assertThat(simulator.odcUsers()).hasSize(6);
        assertThat(writeCalls()).isEmpty();
        // the same process's ledger remembers the 3 created for this migration: each user counted once
        assertThat(second.counts()).isEqualTo(new UserCounts(2, 3, 0, null));
    }

    @Test
    void concurrentAppJobsSharingTheConfigMapLedgerCreateEachUserOnce() throws Exception {
        JobTask task = task(UnmatchedUsers.Create, "to-odc-users");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<UsersResolver.Result>> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(() -> resolve(task, dbs, Optional.of(client)));
            }
            List<UsersResolver.Result> results = new ArrayList<>();
            for (Future<UsersResolver.Result> f : pool.invokeAll(jobs)) {
                results.add(f.get());
            }

            assertThat(simulator.odcUsers()).extracting(EndUser::email).doesNotHaveDuplicates().hasSize(6);
            assertThat(simulator.callLog().matching("POST", "/api/identity/v1/users/bulk")).hasSize(1);
            assertThat(results).extracting(UsersResolver.Result::counts).containsOnly(new UserCounts(2, 3, 0, null));
            assertThat(results.stream().map(r -> keysOf(r, 45, 46, 47)).collect(Collectors.toSet())).hasSize(1);
            ConfigMap ledger = client.configMaps().inNamespace("refresh").withName("to-odc-users").get();
            assertThat(ledger.getData()).containsEntry("created", "3").containsEntry("holder", "")
                    .containsEntry("pendingOperation", "");
            assertThat(ledger.getMetadata().getLabels()).containsEntry("datamigration.dev/migration",
                    task.getMigration());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBulkCreateAnswered429IsSentAgainAfterRetryAfter() throws Exception {
        simulator.faults().add(FaultRule.error("/api/identity/v1/users/bulk", 429, 1).forMethod("POST"));
        long started = System.nanoTime();

        UsersResolver.Result result = resolve(task(UnmatchedUsers.Create, null), dbs, Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(simulator.callLog().matching("POST", "/api/identity/v1/users/bulk"))
                .extracting(RecordedCall::status).containsExactly(429, 202);
        assertThat(simulator.odcUsers()).hasSize(6);
        assertThat(result.counts().getCreated()).isEqualTo(3);
    }

    @Test
    void setNullLeavesUnmatchedUsersWithoutKeyAndCountsThem() throws Exception {
        UsersResolver.Result result = resolve(task(UnmatchedUsers.SetNull, null), dbs, Optional.empty());

        assertThat(keysOf(result, 42, 43, 45, 46, 47)).containsExactly(
                Map.entry(42L, Optional.of(JOHN_KEY)), Map.entry(43L, Optional.of(MARIA_KEY)),
                Map.entry(45L, Optional.empty()), Map.entry(46L, Optional.empty()), Map.entry(47L, Optional.empty()));
        assertThat(result.counts()).isEqualTo(new UserCounts(2, 0, 3, null));
        assertThat(writeCalls()).isEmpty();
    }

    @Test
    void failNamesTheUnmatchedUsersAndWritesNothing() throws Exception {
        JobTask task = task(UnmatchedUsers.Fail, null);

        assertThatThrownBy(() -> resolve(task, dbs, Optional.empty()))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessage("3 end user(s) of the Users provider have no ODC user with the same e-mail"
                        + " (users.unmatched: Fail): user ids 45, 46, 47");
        assertThat(writeCalls()).isEmpty();
    }

    @Test
    void missingPortalUrlOrCredentialsAreRefusedBeforeAnyCall() throws Exception {
        JobTask noUrl = task(UnmatchedUsers.Create, null);
        noUrl.getOdcPlatform().setPortalUrl(null);
        JobTask noSecret = task(UnmatchedUsers.Create, null);
        Files.delete(dir.resolve("odc").resolve("clientSecret"));

        try (Connection source = dbs.connectProduction()) {
            assertThatThrownBy(() -> OdcEndUsers.plan(noUrl, source)).isInstanceOf(TaskException.class)
                    .hasMessage("an ODC target with users.match Email needs the ODC portal URL (odcPlatform.portalUrl):"
                            + " the end users are matched through its Identity API");
            assertThatThrownBy(() -> OdcEndUsers.plan(noSecret, source)).isInstanceOf(TaskException.class)
                    .hasMessage("cannot read the ODC platform API credentials file " + dir.resolve("odc")
                            .resolve("clientSecret") + " (NoSuchFileException)");
        }
        assertThat(simulator.calls()).isEmpty();
    }
}

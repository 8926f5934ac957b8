package dev.datamigration.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.cli.local.LocalOperator;
import dev.datamigration.cli.local.LocalRun;
import dev.datamigration.cli.local.ProgressView;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.platform.simulator.SimulatorServer;
import dev.datamigration.platform.simulator.SimulatorState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole product on one machine: local mode, the real operator, real copier processes, PostgreSQL, simulator. */
class LocalEndToEndTest {

    @TempDir
    Path dir;

    private static String environmentKey(SimulatorServer simulator, String name) throws Exception {
        var client = dev.datamigration.platform.PlatformClients.create("O11", simulator.lifeTimeApiUrl(),
                java.util.Map.of("token", "lt-token"));
        return client.environment(name).key();
    }

    @Test
    void refreshesQaFromProductionWithDowntime() throws Exception {
        O11Factory factory = O11Factory.builder().scale(1).unmatchedUser(false).build();
        FactoryDatabases dbs = factory.createDatabases(EmbeddedPostgres.shared(), "e2e");
        SimulatorState state = SimulatorState.parse("""
                lifetime:
                  tokens: [lt-token]
                  environments:
                    - {name: Production, environmentType: Production, databaseProvider: SqlServer,
                       applications: [{name: Catalog}, {name: Customers}, {name: Orders}]}
                    - {name: QA, environmentType: Test, databaseProvider: SqlServer,
                       applications: [{name: Catalog}, {name: Customers}, {name: Orders}]}
                """);
        try (SimulatorServer simulator = SimulatorServer.start(state)) {
            EmbeddedPostgres pg = EmbeddedPostgres.shared();
            Path manifest = dir.resolve("migration.yaml");
            Files.writeString(manifest, """
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: prod-db}
                    stringData: {username: %1$s, password: %2$s}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: qa-db}
                    stringData: {username: %1$s, password: %2$s}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: lifetime}
                    stringData: {token: lt-token}
                    ---
                    apiVersion: datamigration.dev/v1alpha1
                    kind: DataMigration
                    metadata: {name: prod-to-qa}
                    spec:
                      source:
                        environment: Production
                        database: {engine: PostgreSQL, url: "%3$s", credentialsSecret: prod-db}
                        downtime: StopEnvironment
                      target:
                        environment: QA
                        database: {engine: PostgreSQL, url: "%4$s", credentialsSecret: qa-db}
                        downtime: UndeployApps
                      platformApi: {url: "%5$s", credentialsSecret: lifetime}
                      apps: [Catalog, Customers, Orders]
                    """.formatted(pg.username(), pg.password(), dbs.productionUrl(), dbs.qaUrl(),
                    simulator.lifeTimeApiUrl()), StandardCharsets.UTF_8);
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var options = new LocalRun.Options(List.of(manifest), "refresh", dir.resolve("work"),
                    dir.resolve("kubeconfig"), 0, Duration.ofMinutes(5));
            int exit = new LocalRun(LocalOperator.launcher(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(options, ProgressView.lines(new PrintStream(err, true, StandardCharsets.UTF_8)));
            String status = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as("exit code; stderr:\n%s\nstatus:\n%s", err, status).isZero();
            assertThat(status).contains("phase: \"" + Phase.Succeeded + "\"");

            var expected = factory.expected(List.of("Catalog", "Customers", "Orders"), UnmatchedUserPolicy.FAIL);
            try (Connection qa = dbs.connectQa()) {
                for (String table : expected.tables()) {
                    assertThat(Rows.read(qa, table)).as(table).isEqualTo(expected.rows(table));
                }
            }
            // O11 has no per-app undeploy: the target environment goes into maintenance mode for the run. The
            // controller asks once per app (idempotent calls), so consecutive repeats are collapsed here.
            String production = "/lifetimeapi/rest/v2/environments/" + environmentKey(simulator, "Production");
            String qaEnv = "/lifetimeapi/rest/v2/environments/" + environmentKey(simulator, "QA");
            List<String> puts = new java.util.ArrayList<>();
            for (var call : simulator.calls()) {
                if (call.method().equals("PUT")) {
                    String entry = call.path() + " " + call.body().contains("\"IsMaintenanceModeEnabled\":true");
                    if (puts.isEmpty() || !puts.get(puts.size() - 1).equals(entry)) {
                        puts.add(entry);
                    }
                }
            }
            assertThat(puts).containsExactly(production + "/maintenancemode true", qaEnv + "/maintenancemode true",
                    qaEnv + "/maintenancemode false");
            assertThat(simulator.maintenanceMode("Production")).isTrue();
            assertThat(simulator.maintenanceMode("QA")).isFalse();
        }
    }
}

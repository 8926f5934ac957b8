package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.AppPhase;
import dev.datamigration.api.v1alpha1.AppStatus;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.devtools.local.LocalRun;
import dev.datamigration.devtools.local.ProgressView;
import dev.datamigration.fixtures.o11.ExpectedEntity;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.o11.Rows;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.fixtures.tds.Babelfish;
import dev.datamigration.fixtures.tds.BabelfishDatabases;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code local} command end to end with a SQL Server source over TDS (Babelfish, the O11 factory in T-SQL): the
 * whole refresh (plan, quiesce, copy Jobs with the real copier, verification, restore) into SQL Server with
 * {@code spec.copier.sqlServerLoad: BatchInsert} and into PostgreSQL, every QA table exactly as the oracle says.
 */
class LocalSqlServerTdsTest {

    @RegisterExtension
    static final BabelfishDatabases TDS = new BabelfishDatabases("e2etds");

    private static final List<String> APPS = List.of("Catalog", "Customers", "Orders");

    @TempDir
    Path dir;

    private static O11Factory factory() {
        return O11Factory.builder().unmatchedUser(false).largeBinaryBytes(2 << 20).build();
    }

    @Test
    void sqlServerToSqlServerWithBatchInsertRefreshesQaExactly() throws Exception {
        O11Factory factory = factory();
        Babelfish server = TDS.server();
        var dbs = factory.createOn(server, TDS.create("e2eprod"), TDS.create("e2eqa"));

        DataMigration status = runLocal(manifest("SqlServer", dbs.productionUrl(), server.username(),
                server.password(), "SqlServer", dbs.qaUrl(), server.username(), server.password(),
                "\n  copier: {sqlServerLoad: BatchInsert}"));

        ExpectedOutcome expected = factory.expected(APPS, UnmatchedUserPolicy.FAIL);
        assertSucceeded(status, expected);
        try (Connection qa = dbs.connectQa()) {
            for (String table : expected.tables()) {
                assertThat(Rows.read(qa, table)).as("QA table %s", table).isEqualTo(expected.rows(table));
            }
        }
        try (Connection production = dbs.connectProduction()) {
            for (String table : expected.productionTables()) {
                assertThat(Rows.read(production, table)).as("Production table %s", table)
                        .isEqualTo(expected.productionRows(table));
            }
        }
    }

    @Test
    void sqlServerToPostgresRefreshesQaExactly() throws Exception {
        O11Factory factory = factory();
        Babelfish server = TDS.server();
        String production = TDS.create("e2epgprod");
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String qa = EmbeddedPostgres.uniqueDatabaseName("e2e_tds_qa");
        pg.createDatabase(qa);
        try {
            try (Connection p = server.connect(production); Connection q = pg.connect(qa)) {
                factory.createProduction(p);
                factory.createQa(q);
            }

            DataMigration status = runLocal(manifest("SqlServer", server.jdbcUrl(production), server.username(),
                    server.password(), "PostgreSQL", pg.jdbcUrl(qa), pg.username(), pg.password(), ""));

            ExpectedOutcome expected = factory.expected(APPS, UnmatchedUserPolicy.FAIL);
            assertSucceeded(status, expected);
            try (Connection q = pg.connect(qa)) {
                for (String table : expected.tables()) {
                    assertThat(Rows.read(q, table)).as("QA table %s", table).isEqualTo(expected.rows(table));
                }
            }
        } finally {
            pg.dropDatabase(qa);
        }
    }

    private static void assertSucceeded(DataMigration migration, ExpectedOutcome expected) {
        List<ExpectedEntity> copied = expected.copiedEntities();
        long rows = copied.stream().mapToLong(ExpectedEntity::sourceRows).sum();
        assertThat(migration.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
        assertThat(migration.getStatus().getApps()).extracting(AppStatus::getName, AppStatus::getPhase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Catalog", AppPhase.Succeeded),
                        org.assertj.core.groups.Tuple.tuple("Customers", AppPhase.Succeeded),
                        org.assertj.core.groups.Tuple.tuple("Orders", AppPhase.Succeeded));
        assertThat(migration.getStatus().getMessage())
                .isEqualTo("Copied 3 apps: " + copied.size() + " entities, " + rows + " rows");
    }

    private DataMigration runLocal(String manifestText) throws Exception {
        try (SimulatorServer simulator = SimulatorServer.start(SimulatorState.parse("""
                lifetime:
                  tokens: [lt-token]
                  environments:
                    - {name: Production, applications: [{name: Catalog}, {name: Customers}, {name: Orders}]}
                    - {name: QA, applications: [{name: Catalog}, {name: Customers}, {name: Orders}]}
                """))) {
            Path manifest = dir.resolve("migration.yaml");
            Files.writeString(manifest, manifestText.replace("@LIFETIME@", simulator.lifeTimeApiUrl()),
                    StandardCharsets.UTF_8);
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var options = new LocalRun.Options(List.of(manifest), "refresh", dir.resolve("work"),
                    dir.resolve("kubeconfig"), 0, Duration.ofMinutes(8));
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            int exit = new LocalRun(LocalOperator.launcher(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    errors).run(options, ProgressView.lines(errors));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as("exit code; stderr:\n%s\nstatus:\n%s", err, printed).isZero();
            return Serialization.unmarshal(printed, DataMigration.class);
        }
    }

    private static String manifest(String sourceEngine, String sourceUrl, String sourceUser, String sourcePassword,
                                   String targetEngine, String targetUrl, String targetUser, String targetPassword,
                                   String extraSpec) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: prod-db}
                stringData: {username: %s, password: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: qa-db}
                stringData: {username: %s, password: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: lifetime}
                stringData: {token: lt-token}
                ---
                apiVersion: datamigration.dev/v1alpha1
                kind: DataMigration
                metadata: {name: tds-refresh}
                spec:
                  source:
                    environment: Production
                    database: {engine: %s, url: "%s", credentialsSecret: prod-db}
                  target:
                    environment: QA
                    database: {engine: %s, url: "%s", credentialsSecret: qa-db}
                  platformApi: {url: "@LIFETIME@", credentialsSecret: lifetime}
                  apps: [Catalog, Customers, Orders]%s
                """.formatted(sourceUser, sourcePassword, targetUser, targetPassword, sourceEngine, sourceUrl,
                targetEngine, targetUrl, extraSpec);
    }
}

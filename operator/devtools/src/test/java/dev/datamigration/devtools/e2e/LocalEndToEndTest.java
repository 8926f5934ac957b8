package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.devtools.local.LocalRun;
import dev.datamigration.devtools.local.ProgressView;
import dev.datamigration.fixtures.o11.ExpectedOutcome;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.UnmatchedUserPolicy;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code local} command's own path (LocalRun): manifests applied from a YAML file, the run awaited, the final
 * status printed as YAML and the exit code. The scenarios themselves run on the same pieces through E2eCluster.
 */
class LocalEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void dryRunFromAManifestFilePrintsTheStatusAndExitsZero() throws Exception {
        FactoryDatabases dbs = E2eCluster.matchedUsersFactory().createDatabases(EmbeddedPostgres.shared(), "e2e_local");
        ExpectedOutcome oracle = E2eCluster.matchedUsersFactory().expected(List.of("Catalog"),
                UnmatchedUserPolicy.FAIL);
        try (SimulatorServer simulator = SimulatorServer.start(SimulatorState.parse("""
                lifetime:
                  tokens: [lt-token]
                  environments:
                    - {name: Production, applications: [{name: Catalog}]}
                    - {name: QA, applications: [{name: Catalog}]}
                """))) {
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
                    metadata: {name: rehearsal}
                    spec:
                      dryRun: true
                      source:
                        environment: Production
                        database: {engine: PostgreSQL, url: "%3$s", credentialsSecret: prod-db}
                      target:
                        environment: QA
                        database: {engine: PostgreSQL, url: "%4$s", credentialsSecret: qa-db}
                      platformApi: {url: "%5$s", credentialsSecret: lifetime}
                      apps: [Catalog]
                    """.formatted(pg.username(), pg.password(), dbs.productionUrl(), dbs.qaUrl(),
                    simulator.lifeTimeApiUrl()), StandardCharsets.UTF_8);
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var options = new LocalRun.Options(List.of(manifest), "refresh", dir.resolve("work"),
                    dir.resolve("kubeconfig"), 0, Duration.ofMinutes(4));
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            int exit = new LocalRun(LocalOperator.launcher(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    errors).run(options, ProgressView.lines(errors));

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as("exit code; stderr:\n%s\nstatus:\n%s", err, printed).isZero();
            DataMigration status = Serialization.unmarshal(printed, DataMigration.class);
            assertThat(status.getMetadata().getName()).isEqualTo("rehearsal");
            assertThat(status.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
            int entities = oracle.plannedEntities("Catalog").size();
            long rows = oracle.copiedEntities().stream().mapToLong(e -> e.sourceRows()).sum();
            assertThat(status.getStatus().getMessage()).isEqualTo("Dry run: Planned 1 app, " + entities
                    + " entities, about " + rows + " rows; 2 warnings: source-only entity Catalog.Supplier is not in"
                    + " the target: not copied; target-only attribute Catalog.Product.Rating filled with 5");
            assertThat(status.getStatus().getProgress()).isEqualTo("0/" + entities);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("local API server http://")
                    .contains("rehearsal");
            // A dry run plans only: no platform side effect, QA as the factory built it.
            assertThat(simulator.calls()).allSatisfy(call -> assertThat(call.method()).isEqualTo("GET"));
            assertThat(simulator.maintenanceMode("Production")).isFalse();
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aMistypedFieldFailsWithOneLineNamingItAndStartsAndAppliesNothing() throws Exception {
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, """
                apiVersion: v1
                kind: Secret
                metadata: {name: prod-db}
                stringData: {username: reader, password: s3cret}
                """, StandardCharsets.UTF_8);
        Path manifest = dir.resolve("migration.yaml");
        Files.writeString(manifest, """
                apiVersion: datamigration.dev/v1alpha1
                kind: DataMigration
                metadata: {name: prod-to-qa}
                spec:
                  sourc:
                    environment: Production
                  apps: [Catalog]
                """, StandardCharsets.UTF_8);

        Result result = run(secrets, manifest);

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).isEqualTo(manifest + ": DataMigration prod-to-qa: unknown field \"spec.sourc\"\n");
        assertThat(result.out).isEmpty();
        assertNothingStarted();
    }

    @Test
    void aYamlSyntaxErrorFailsWithOneLineNamingTheFileAndTheLine() throws Exception {
        Path manifest = dir.resolve("migration.yaml");
        Files.writeString(manifest, """
                apiVersion: datamigration.dev/v1alpha1
                kind: DataMigration
                metadata:
                  name: prod-to-qa
                spec:
                  apps: [Catalog
                  dryRun: true
                """, StandardCharsets.UTF_8);

        Result result = run(manifest);

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).isEqualTo(manifest + ": line 7: expected ',' or ']', but got : (while parsing a flow"
                + " sequence started on line 6)\n");
        assertThat(result.out).isEmpty();
        assertNothingStarted();
    }

    @Test
    void manifestsWithoutADataMigrationHaveNothingToRun() throws Exception {
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {token: t}\n",
                StandardCharsets.UTF_8);

        Result result = run(secrets);

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).isEqualTo("no DataMigration in " + secrets + ": nothing to run\n");
        assertNothingStarted();
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Path... manifests) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var options = new LocalRun.Options(List.of(manifests), "refresh", dir.resolve("work"),
                dir.resolve("kubeconfig"), 0, Duration.ofMinutes(1));
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new LocalRun(LocalOperator.launcher(), new PrintStream(out, true, StandardCharsets.UTF_8),
                errors).run(options, ProgressView.lines(errors));
        return new Result(exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    /** No API server was started (it writes the kubeconfig first) and no Job ran: nothing can have been applied. */
    private void assertNothingStarted() {
        assertThat(dir.resolve("kubeconfig")).doesNotExist();
        assertThat(dir.resolve("work")).doesNotExist();
    }
}

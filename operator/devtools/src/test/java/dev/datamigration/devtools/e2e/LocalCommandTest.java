package dev.datamigration.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import dev.datamigration.simulator.SimulatorServer;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datamigration local} as a user starts it: a fresh JVM (the logging set-up only takes effect there), a
 * manifest file, and what ends up on stdout, on stderr and on disk. A dry run of Catalog keeps each run short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCommandTest {

    private static final String NAME = "rehearsal";
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private FactoryDatabases dbs;
    private SimulatorServer simulator;
    private EmbeddedPostgres pg;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.shared();
        dbs = E2eCluster.matchedUsersFactory().createDatabases(pg, "e2e_cli");
        simulator = SimulatorServer.start(SimulatorState.parse("""
                lifetime:
                  tokens: [lt-token]
                  environments:
                    - {name: Production, applications: [{name: Catalog}]}
                    - {name: QA, applications: [{name: Catalog}]}
                """));
    }

    @AfterAll
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        if (dbs != null) {
            dbs.drop();
        }
    }

    @Test
    void aSuccessfulRunPrintsOnlyItsProgressAndLeavesNoSecretBehind(@TempDir Path dir) throws Exception {
        Path manifest = manifest(dir, pg.password(), dbs.productionUrl());
        Path work = dir.resolve("work");
        Path kubeconfig = dir.resolve("kubeconfig");

        Run run = local(dir, "-f", manifest.toString(), "-n", "refresh", "--work-dir", work.toString(),
                "--kubeconfig", kubeconfig.toString());

        assertThat(run.exit).as("%s", run).isZero();
        DataMigrationStatus status = Serialization.unmarshal(run.stdout, DataMigration.class).getStatus();
        assertThat(status.getPhase()).isEqualTo(Phase.Succeeded);
        List<String> lines = run.stderr.lines().toList();
        assertThat(lines.get(0)).matches("local API server http://[\\w.]+:\\d+  \\(kubectl --kubeconfig "
                + Pattern.quote(kubeconfig.toString()) + " get dm\\)");
        assertThat(lines.subList(1, lines.size())).as("%s", run).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith(NAME + "  "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(NAME + "  Succeeded  entities " + status.getProgress()
                + "  rows 0  " + status.getElapsed() + "  " + status.getMessage());
        // the libraries' and the operator's logs went to the log file, without the API server's request log
        String log = Files.readString(work.resolve("local.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("INFO io.javaoperatorsdk.operator.Operator - Operator SDK")
                .doesNotContain("received request");
        assertNoSecretUnder(work, pg.password());
        assertThat(Files.readString(kubeconfig)).doesNotContain(pg.password());
    }

    @Test
    void verbosePrintsTheApiServerTheClientAndTheOperatorLogsInOneFormat(@TempDir Path dir) throws Exception {
        Path manifest = manifest(dir, pg.password(), dbs.productionUrl());
        Path work = dir.resolve("work");

        Run run = local(dir, "-f", manifest.toString(), "-n", "refresh", "--work-dir", work.toString(),
                "--kubeconfig", dir.resolve("kubeconfig").toString(), "--verbose");

        assertThat(run.exit).as("%s", run).isZero();
        DataMigrationStatus status = Serialization.unmarshal(run.stdout, DataMigration.class).getStatus();
        // slf4j-simple's format: time [thread] LEVEL logger - message (thread and logger names may hold spaces)
        Pattern logLine = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[.+] (INFO|WARN|ERROR) .+ - .*");
        List<String> logs = run.stderr.lines().filter(line -> logLine.matcher(line).matches()).toList();
        assertThat(logs).anyMatch(line -> line.matches(".* INFO io\\.fabric8\\.mockwebserver\\.MockWebServer -"
                + " MockWebServer\\[\\d+] received request: POST /api/v1/namespaces/refresh/secrets HTTP/1\\.1 and"
                + " responded: HTTP/1\\.1 201 Created"));
        assertThat(logs).anyMatch(line -> line.contains(" WARN io.fabric8.kubernetes.client."));
        assertThat(logs).anyMatch(line -> line.contains(" INFO io.javaoperatorsdk.operator.Operator - "));
        // java.util.logging's own two-line format is gone: every line is a log line or a line of the product
        assertThat(run.stderr.lines().filter(line -> !logLine.matcher(line).matches()).toList())
                .allSatisfy(line -> assertThat(line).matches("(local API server |" + NAME + "  ).*"))
                .contains(NAME + "  Succeeded  entities " + status.getProgress() + "  rows 0  " + status.getElapsed()
                        + "  " + status.getMessage());
        assertThat(work.resolve("local.log")).doesNotExist();
        assertNoSecretUnder(work, pg.password());
    }

    @Test
    void aFailedRunShowsThePodsLogTailNamesTheLogFileAndLeavesNoSecretBehind(@TempDir Path dir) throws Exception {
        String wrongPassword = "not-" + pg.password();
        Path manifest = manifest(dir, wrongPassword, dbs.productionUrl());
        Path work = dir.resolve("work");

        Run run = local(dir, "-f", manifest.toString(), "-n", "refresh", "--work-dir", work.toString(),
                "--kubeconfig", dir.resolve("kubeconfig").toString());

        assertThat(run.exit).as("%s", run).isEqualTo(1);
        DataMigrationStatus status = Serialization.unmarshal(run.stdout, DataMigration.class).getStatus();
        assertThat(status.getPhase()).isEqualTo(Phase.Failed);
        assertThat(status.getMessage()).contains("password authentication failed");
        List<String> lines = run.stderr.lines().toList();
        int tail = lines.indexOf("--- last lines of job refresh/" + NAME + "-plan ("
                + work.resolve("refresh/" + NAME + "-plan/attempt-0/pod.log") + ") ---");
        assertThat(tail).as("%s", run).isPositive();
        assertThat(lines.subList(tail + 1, lines.size() - 1)).anyMatch(l -> l.contains("password authentication"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("operator and API server log: " + work.resolve("local.log"));
        assertThat(lines.subList(0, tail)).allSatisfy(line -> assertThat(line)
                .matches("(local API server |" + NAME + "  ).*"));
        assertNoSecretUnder(work, wrongPassword);
        assertNoSecretUnder(work, pg.password());
    }

    @Test
    void anInterruptedRunStopsItsPodsAndLeavesNoSecretBehind(@TempDir Path dir) throws Exception {
        // a database that accepts connections and never answers: the plan pod waits with its Secrets mounted
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path manifest = manifest(dir, pg.password(),
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/silent");
            Path work = dir.resolve("work");
            Process local = start(dir, "-f", manifest.toString(), "-n", "refresh", "--work-dir", work.toString(),
                    "--kubeconfig", dir.resolve("kubeconfig").toString());
            try {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                        .until(() -> secretFiles(work).size() == 2 && !held.isEmpty());
                List<ProcessHandle> pods = local.descendants().toList();
                assertThat(pods).isNotEmpty();

                local.destroy(); // SIGTERM, as a kill or the end of a terminal session; Ctrl-C runs the same hooks

                assertThat(local.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(local.exitValue()).isEqualTo(143);
                await().atMost(Duration.ofSeconds(20)).until(() -> pods.stream().noneMatch(ProcessHandle::isAlive));
                assertNoSecretUnder(work, pg.password());
            } finally {
                local.destroyForcibly();
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    /** Secret files (username, password) in volume directories under {@code work}. */
    private static List<Path> secretFiles(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(work)) {
            return paths.filter(p -> p.getFileName().toString().equals("password")).toList();
        }
    }

    /** No volume directory under {@code work}, and no file there holds {@code password}. */
    private static void assertNoSecretUnder(Path work, String password) throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(work)) {
            files = paths.toList();
        }
        assertThat(files).noneMatch(p -> p.getFileName().toString().startsWith("mount-"));
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file)
                        .doesNotContain(password);
            }
        }
    }

    private Path manifest(Path dir, String sourcePassword, String sourceUrl) throws IOException {
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
                stringData: {username: %1$s, password: %3$s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: lifetime}
                stringData: {token: lt-token}
                ---
                apiVersion: datamigration.dev/v1alpha1
                kind: DataMigration
                metadata: {name: %6$s}
                spec:
                  dryRun: true
                  source:
                    environment: Production
                    database: {engine: PostgreSQL, url: "%4$s", credentialsSecret: prod-db}
                  target:
                    environment: QA
                    database: {engine: PostgreSQL, url: "%5$s", credentialsSecret: qa-db}
                  platformApi: {url: "%7$s", credentialsSecret: lifetime}
                  apps: [Catalog]
                """.formatted(pg.username(), sourcePassword, pg.password(), sourceUrl, dbs.qaUrl(), NAME,
                simulator.lifeTimeApiUrl()), StandardCharsets.UTF_8);
        return manifest;
    }

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stderr\n" + stderr + "--- stdout\n" + stdout;
        }
    }

    /** Runs {@code datamigration local ARGS} to its end. */
    private static Run local(Path dir, String... args) throws Exception {
        Process process = start(dir, args);
        try {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("local ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout")),
                Files.readString(dir.resolve("stderr")));
    }

    /** Starts {@code datamigration local ARGS} in a JVM of its own, stdout and stderr to files in {@code dir}. */
    private static Process start(Path dir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classPath, "dev.datamigration.devtools.DevToolsMain", "local", "--timeout", PATIENCE.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile())
                .start();
    }
}

package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A whole migration without a cluster: the embedded API server, the real operator, the Job runner that runs the
 * real copier for each Job, the manifests applied, then a wait for every DataMigration to reach a terminal
 * phase. Exit code 0 only when every one Succeeded.
 */
public final class LocalRun {

    /**
     * @param files manifests to apply (Secrets, DataMigrations, ...)
     * @param namespace namespace for objects that name none
     * @param workDir where Job attempts keep their mounted volumes and logs
     * @param kubeconfig where the kubeconfig for kubectl is written
     * @param port API server port, 0 for any free port
     * @param timeout how long to wait for terminal phases
     */
    public record Options(List<Path> files, String namespace, Path workDir, Path kubeconfig, int port,
            Duration timeout) {
    }

    /** Exit code: every DataMigration Succeeded. */
    public static final int EXIT_SUCCEEDED = 0;
    /** Exit code: a DataMigration did not succeed, or the wait timed out. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: the manifests cannot be run; nothing was started or applied. */
    public static final int EXIT_BAD_MANIFEST = 2;

    private static final int LOG_TAIL_LINES = 20;

    private final OperatorLauncher operator;
    private final PrintStream out;
    private final PrintStream err;

    public LocalRun(OperatorLauncher operator, PrintStream out, PrintStream err) {
        this.operator = operator;
        this.out = out;
        this.err = err;
    }

    /** Runs to the end and returns the exit code; {@code view} sees the migrations while they run. */
    public int run(Options options, ProgressView view) throws Exception {
        // Every file is read and checked before anything starts: a bad manifest applies nothing, like kubectl.
        List<HasMetadata> objects;
        try {
            objects = LocalCluster.read(options.files());
        } catch (ManifestException e) {
            e.problems().forEach(err::println);
            return EXIT_BAD_MANIFEST;
        }
        if (objects.stream().noneMatch(DataMigration.class::isInstance)) {
            err.println("no DataMigration in " + String.join(", ", options.files().stream().map(Path::toString)
                    .toList()) + ": nothing to run");
            return EXIT_BAD_MANIFEST;
        }
        try (LocalCluster cluster = LocalCluster.start(operator, options.namespace(), options.workDir(),
                options.kubeconfig(), options.port(), LocalCluster.childJvmCopier())) {
            err.println("local API server " + cluster.url() + "  (kubectl --kubeconfig " + cluster.kubeconfig()
                    + " get dm)");
            List<DataMigration> migrations = cluster.apply(objects).stream().filter(DataMigration.class::isInstance)
                    .map(DataMigration.class::cast).toList();
            List<DataMigration> finalState = cluster.awaitTerminal(migrations, options.timeout(), view);
            if (!LocalCluster.allTerminal(finalState)) {
                err.println("timed out after " + options.timeout() + " waiting for a terminal phase");
            }
            view.finish(finalState);
            for (DataMigration migration : finalState) {
                out.print(Serialization.asYaml(migration));
            }
            boolean allSucceeded = finalState.stream().allMatch(m -> m.getStatus() != null
                    && m.getStatus().getPhase() == Phase.Succeeded);
            if (!allSucceeded) {
                printFailedLogs(cluster.jobs());
            }
            return allSucceeded ? EXIT_SUCCEEDED : EXIT_FAILED;
        }
    }

    /** What kubectl logs would show for each failed copier pod: the last lines of its last failed attempt. */
    private void printFailedLogs(LocalJobRunner runner) throws java.io.IOException {
        for (var entry : runner.failedAttemptLogs().entrySet()) {
            if (!java.nio.file.Files.exists(entry.getValue())) {
                continue;
            }
            List<String> lines = java.nio.file.Files.readAllLines(entry.getValue(),
                    java.nio.charset.StandardCharsets.UTF_8);
            err.println("--- last lines of job " + entry.getKey() + " (" + entry.getValue() + ") ---");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(err::println);
        }
    }
}

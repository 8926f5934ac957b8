package dev.datamigration.devtools;

import dev.datamigration.devtools.local.LocalLogging;
import dev.datamigration.devtools.local.LocalOperator;
import dev.datamigration.devtools.local.LocalRun;
import dev.datamigration.devtools.local.ProgressView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local -f FILE...}: a whole migration on this machine, without a cluster (design.md §8). */
@Command(name = "local",
        description = {"Runs DataMigrations without a cluster: an embedded Kubernetes API server, the",
            "real operator and a Job runner that executes each copy Job's real command.",
            "Prints the final status YAML. Exit code 0 only when every DataMigration",
            "Succeeded; 2 when the manifests cannot be run (an unknown field, a YAML error):",
            "then nothing is started or applied. kubectl works against it while it runs",
            "(--kubeconfig). stderr shows the progress; the logs of the operator, the API",
            "server and the client go to <work-dir>/local.log (--verbose: to stderr)."})
final class LocalCommand implements Callable<Integer> {

    /** The log file of a run without --verbose, in the work directory. */
    static final String LOG_FILE = "local.log";

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "Manifest to apply (Secrets, DataMigrations); repeat for several files.")
    List<Path> files;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace for objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--work-dir", defaultValue = ".local/run",
            description = "Where Job attempts keep their logs and, while a pod runs, its mounted volumes; also"
                    + " holds local.log (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--kubeconfig", defaultValue = ".local/kubeconfig",
            description = "Where to write the kubeconfig for kubectl (default: ${DEFAULT-VALUE}).")
    Path kubeconfig;

    @Option(names = "--port", defaultValue = "0", description = "API server port; 0 picks a free one.")
    int port;

    @Option(names = "--timeout", defaultValue = "PT30M",
            description = "Longest wait for a terminal phase, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-v", "--verbose"},
            description = "Also print the logs of the operator, the embedded API server (every request) and the"
                    + " Kubernetes client on stderr, instead of writing them to <work-dir>/local.log.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path work = workDir.toAbsolutePath();
        Path log = work.resolve(LOG_FILE);
        // before anything logs: slf4j-simple reads its settings once
        if (verbose) {
            LocalLogging.toStderr();
        } else {
            LocalLogging.toFile(log);
        }
        var options = new LocalRun.Options(files, namespace, work, kubeconfig.toAbsolutePath(), port, timeout);
        ProgressView view = ProgressView.lines(System.err);
        int exit = new LocalRun(LocalOperator.launcher(), System.out, System.err).run(options, view);
        if (exit == LocalRun.EXIT_FAILED && !verbose) {
            System.err.println("operator and API server log: " + log);
        }
        return exit;
    }
}

package dev.datamigration.cli;

import dev.datamigration.cli.local.LocalOperator;
import dev.datamigration.cli.local.LocalRun;
import dev.datamigration.cli.local.ProgressView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local -f FILE...}: a whole migration on this machine, without a cluster (design.md §8). */
@Command(name = "local",
        description = {"Runs DataMigrations without a cluster: an embedded Kubernetes API server, the real operator and",
            "a Job runner that executes each copy Job's real command. Prints the final status YAML; exit code 0",
            "only when every DataMigration Succeeded. kubectl works against it while it runs (--kubeconfig)."})
final class LocalCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "Manifest to apply (Secrets, DataMigrations); repeat for several files.")
    List<Path> files;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace for objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--work-dir", defaultValue = ".local/run",
            description = "Where Job attempts keep their mounted volumes and logs (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--kubeconfig", defaultValue = ".local/kubeconfig",
            description = "Where to write the kubeconfig for kubectl (default: ${DEFAULT-VALUE}).")
    Path kubeconfig;

    @Option(names = "--port", defaultValue = "0", description = "API server port; 0 picks a free one.")
    int port;

    @Option(names = "--timeout", defaultValue = "PT30M",
            description = "Longest wait for a terminal phase, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        var options = new LocalRun.Options(files, namespace, workDir.toAbsolutePath(), kubeconfig.toAbsolutePath(),
                port, timeout);
        ProgressView view = ProgressView.lines(System.err);
        return new LocalRun(LocalOperator.launcher(), System.out, System.err).run(options, view);
    }
}

package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cluster of local mode, as separate pieces: the embedded API server (with a kubeconfig pointing at it), the Job
 * runner in the part of the Job controller and kubelet, and the operator. The operator can be stopped and a new
 * instance started on the same API server while Jobs keep running, like an operator pod that is rescheduled.
 * Closing stops the operator, then the Job runner (killing running copier processes), then the API server.
 */
public final class LocalCluster implements AutoCloseable {

    private final LocalApiServer api;
    private final Path kubeconfig;
    private final String namespace;
    private final LocalJobRunner jobs;
    private final OperatorLauncher operatorLauncher;
    private AutoCloseable operator;

    private LocalCluster(LocalApiServer api, Path kubeconfig, String namespace, LocalJobRunner jobs,
            OperatorLauncher operatorLauncher) {
        this.api = api;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
        this.jobs = jobs;
        this.operatorLauncher = operatorLauncher;
    }

    /**
     * Starts the API server on {@code port} (0 = any free port), writes {@code kubeconfig} for it with
     * {@code namespace} as default, starts the Job runner (Job attempts under {@code workDir}, each run by the
     * launcher {@code copier} makes for the kubeconfig) and then the operator.
     */
    public static LocalCluster start(OperatorLauncher operator, String namespace, Path workDir, Path kubeconfig,
            int port, Function<Path, CopierLauncher> copier) throws Exception {
        LocalApiServer api = LocalApiServer.start(port);
        LocalJobRunner jobs = null;
        try {
            Path written = KubeconfigWriter.write(kubeconfig, api.url(), namespace);
            jobs = new LocalJobRunner(api.client(), workDir, copier.apply(written)).start();
            LocalCluster cluster = new LocalCluster(api, written, namespace, jobs, operator);
            cluster.startOperator();
            return cluster;
        } catch (Exception | Error e) {
            if (jobs != null) {
                jobs.close();
            }
            api.close();
            throw e;
        }
    }

    /** The copier as local mode runs it: a child JVM of this program with 512 MB of heap. */
    public static Function<Path, CopierLauncher> childJvmCopier() {
        return kubeconfig -> CopierLauncher.childJvm(kubeconfig, "512m");
    }

    /** A client of the embedded API server (shared; closed with the cluster). */
    public KubernetesClient client() {
        return api.client();
    }

    /** Base URL of the API server. */
    public String url() {
        return api.url();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The Job runner: kill a pod, read the logs of failed attempts. */
    public LocalJobRunner jobs() {
        return jobs;
    }

    /** Starts a new operator instance; it finds everything it needs in the API server. */
    public synchronized void startOperator() throws Exception {
        if (operator != null) {
            throw new IllegalStateException("the operator is already running");
        }
        operator = operatorLauncher.start(api.client());
    }

    /** Stops the operator; Jobs already created keep running. */
    public synchronized void stopOperator() throws Exception {
        if (operator != null) {
            AutoCloseable stopping = operator;
            operator = null;
            stopping.close();
        }
    }

    /**
     * {@code kubectl apply} of objects read with {@link #read}, objects without a namespace going to the default one;
     * returns them as stored.
     */
    public List<HasMetadata> apply(List<HasMetadata> objects) {
        return new ManifestApplier(api.client(), namespace).apply(objects);
    }

    /**
     * Reads manifest files with strict field validation; no API server is needed, so a run can refuse bad manifests
     * before it starts anything.
     */
    public static List<HasMetadata> read(List<Path> files) throws ManifestException {
        return ManifestReader.read(files);
    }

    /**
     * Waits until every migration has a terminal phase or {@code timeout} passes, showing them to {@code view}
     * about twice a second; returns their last state (check {@link #allTerminal} to tell a timeout).
     */
    public List<DataMigration> awaitTerminal(List<DataMigration> migrations, Duration timeout, ProgressView view)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<DataMigration> current = new ArrayList<>();
            for (DataMigration migration : migrations) {
                DataMigration latest = api.client().resources(DataMigration.class)
                        .inNamespace(migration.getMetadata().getNamespace())
                        .withName(migration.getMetadata().getName()).get();
                current.add(Objects.requireNonNullElse(latest, migration));
            }
            view.show(current);
            if (allTerminal(current) || Instant.now().isAfter(deadline)) {
                return current;
            }
            Thread.sleep(500);
        }
    }

    /** Whether every migration has reached Succeeded, Failed or Cancelled. */
    public static boolean allTerminal(List<DataMigration> migrations) {
        return migrations.stream().allMatch(m -> m.getStatus() != null && m.getStatus().getPhase() != null
                && m.getStatus().getPhase().isTerminal());
    }

    @Override
    public void close() throws Exception {
        try {
            stopOperator();
        } finally {
            try {
                jobs.close();
            } finally {
                api.close();
            }
        }
    }
}

package dev.datamigration.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A Kubernetes client when the environment provides one (in a pod, or a kubeconfig), else none. */
public final class KubernetesAccess {

    private KubernetesAccess() {
    }

    public static Optional<KubernetesClient> fromEnvironment() {
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
        boolean kubeconfig = System.getenv("KUBECONFIG") != null
                || Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
        if (!inCluster && !kubeconfig) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesClientBuilder().build());
    }
}

package dev.datamigration.devtools.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the real operator against a Kubernetes API (local mode passes the embedded one). */
@FunctionalInterface
public interface OperatorLauncher {

    /** Starts the operator; closing the result stops it. */
    AutoCloseable start(KubernetesClient client) throws Exception;
}

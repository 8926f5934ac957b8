package dev.datamigration.controller.platform;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Secrets a DataMigration names, straight from the API server (no Secret informer: the operator never
 * caches every Secret of the cluster). Values stay in memory for one reconcile and are never logged.
 */
public final class SecretReader {

    private final KubernetesClient client;

    public SecretReader(KubernetesClient client) {
        this.client = client;
    }

    /** The decoded data of a Secret, or empty when it does not exist. */
    public Optional<Map<String, String>> read(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return Optional.of(values);
    }
}

package dev.datamigration.devtools.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl apply} for local mode: creates (or replaces) objects read by {@link ManifestReader} in the embedded
 * API server, Secrets before DataMigrations so the operator finds the credentials it validates.
 */
final class ManifestApplier {

    private final KubernetesClient client;
    private final String defaultNamespace;

    ManifestApplier(KubernetesClient client, String defaultNamespace) {
        this.client = client;
        this.defaultNamespace = defaultNamespace;
    }

    /** Applies the objects and returns them as the API server stored them, in the order applied. */
    List<HasMetadata> apply(List<HasMetadata> objects) {
        List<HasMetadata> ordered = new ArrayList<>(objects);
        // DataMigrations last: the operator validates Secrets as soon as it sees a migration.
        ordered.sort((a, b) -> Boolean.compare(a instanceof DataMigration, b instanceof DataMigration));
        List<HasMetadata> applied = new ArrayList<>();
        for (HasMetadata object : ordered) {
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(defaultNamespace);
            }
            applied.add(client.resource(object).createOr(existing -> existing.update()));
        }
        return applied;
    }
}

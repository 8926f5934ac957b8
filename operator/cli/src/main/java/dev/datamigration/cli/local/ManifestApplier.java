package dev.datamigration.cli.local;

import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl apply -f} for local mode: reads multi-document YAML files and creates (or replaces) every object
 * in the embedded API server, Secrets before DataMigrations so the operator finds the credentials it validates.
 */
final class ManifestApplier {

    private final KubernetesClient client;
    private final String defaultNamespace;

    ManifestApplier(KubernetesClient client, String defaultNamespace) {
        this.client = client;
        this.defaultNamespace = defaultNamespace;
    }

    /** Applies every object of the files and returns them in the order applied. */
    List<HasMetadata> apply(List<Path> files) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IOException("cannot read " + file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                List<HasMetadata> loaded = client.load(in).items();
                if (loaded.isEmpty()) {
                    throw new IOException(file + " holds no Kubernetes object");
                }
                objects.addAll(loaded);
            } catch (RuntimeException e) {
                throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
            }
        }
        // DataMigrations last: the operator validates Secrets as soon as it sees a migration.
        objects.sort((a, b) -> Boolean.compare(a instanceof DataMigration || isDataMigration(a),
                b instanceof DataMigration || isDataMigration(b)));
        List<HasMetadata> applied = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(defaultNamespace);
            }
            HasMetadata typed = isDataMigration(object) && !(object instanceof DataMigration)
                    ? Serialization.unmarshal(Serialization.asJson(object), DataMigration.class) : object;
            applied.add(client.resource(typed).createOr(existing -> existing.update()));
        }
        return applied;
    }

    private static boolean isDataMigration(HasMetadata object) {
        return "DataMigration".equals(object.getKind())
                && (DataMigration.GROUP + "/" + DataMigration.VERSION).equals(object.getApiVersion());
    }
}

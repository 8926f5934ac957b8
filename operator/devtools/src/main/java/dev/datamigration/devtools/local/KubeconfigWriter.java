package dev.datamigration.devtools.local;

import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig that points kubectl (and copy Jobs run by local mode) at the local API server. */
public final class KubeconfigWriter {

    static final String NAME = "datamigration-local";

    private KubeconfigWriter() {
    }

    /** Writes the kubeconfig for {@code serverUrl} with {@code namespace} as the default namespace. */
    public static Path write(Path file, String serverUrl, String namespace) throws IOException {
        var config = new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .withClusters(new NamedClusterBuilder().withName(NAME)
                        .withNewCluster().withServer(serverUrl).endCluster().build())
                .withUsers(new NamedAuthInfoBuilder().withName(NAME).withNewUser().endUser().build())
                .withContexts(new NamedContextBuilder().withName(NAME).withNewContext()
                        .withCluster(NAME).withUser(NAME).withNamespace(namespace).endContext().build())
                .withCurrentContext(NAME)
                .build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Serialization.asYaml(config), StandardCharsets.UTF_8);
        return file;
    }
}

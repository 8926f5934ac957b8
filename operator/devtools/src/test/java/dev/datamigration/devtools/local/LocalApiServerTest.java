package dev.datamigration.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.DataMigrationStatus;
import dev.datamigration.api.v1alpha1.Phase;
import dev.datamigration.api.v1alpha1.RowCounts;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = LocalApiServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private JsonNode get(String path, String accept) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Accept", accept).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void servesTheDiscoveryKubectlNeedsToResolveDm() throws Exception {
        assertThat(get("/api", "application/json").get("versions").get(0).asText()).isEqualTo("v1");
        JsonNode groups = get("/apis", "application/json").get("groups");
        assertThat(groups.findValuesAsText("name")).contains("batch", "coordination.k8s.io", "datamigration.dev");
        JsonNode resources = get("/apis/datamigration.dev/v1alpha1", "application/json").get("resources");
        JsonNode dm = resources.get(0);
        assertThat(dm.get("name").asText()).isEqualTo("datamigrations");
        assertThat(dm.get("shortNames").get(0).asText()).isEqualTo("dm");
        assertThat(dm.get("categories").get(0).asText()).isEqualTo("migrations");
        assertThat(dm.get("namespaced").asBoolean()).isTrue();
        assertThat(get("/apis/batch/v1", "application/json").get("resources").get(0).get("name").asText())
                .isEqualTo("jobs");
    }

    @Test
    void answersKubectlGetDmWithThePrinterColumns() throws Exception {
        var migration = new DataMigration();
        migration.setMetadata(new ObjectMetaBuilder().withName("prod-to-qa").withNamespace("refresh").build());
        var spec = new dev.datamigration.api.v1alpha1.DataMigrationSpec();
        var source = new dev.datamigration.api.v1alpha1.SourceSpec();
        source.setEnvironment("Production");
        var target = new dev.datamigration.api.v1alpha1.TargetSpec();
        target.setEnvironment("QA");
        spec.setSource(source);
        spec.setTarget(target);
        migration.setSpec(spec);
        var created = server.client().resource(migration).create();
        var status = new DataMigrationStatus();
        status.setPhase(Phase.Copying);
        status.setProgress("25/40");
        var rows = new RowCounts();
        rows.setCopied(1834220L);
        status.setRows(rows);
        status.setElapsed("12m03s");
        created.setStatus(status);
        server.client().resource(created).updateStatus();

        JsonNode table = get("/apis/datamigration.dev/v1alpha1/namespaces/refresh/datamigrations",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(table.get("kind").asText()).isEqualTo("Table");
        assertThat(table.get("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Source", "Target", "Phase", "Progress", "Rows", "Elapsed", "Downtime", "Age");
        JsonNode cells = table.get("rows").get(0).get("cells");
        assertThat(cells.get(0).asText()).isEqualTo("prod-to-qa");
        assertThat(cells.get(1).asText()).isEqualTo("Production");
        assertThat(cells.get(2).asText()).isEqualTo("QA");
        assertThat(cells.get(3).asText()).isEqualTo("Copying");
        assertThat(cells.get(4).asText()).isEqualTo("25/40");
        assertThat(cells.get(5).asLong()).isEqualTo(1834220L);
        assertThat(cells.get(6).asText()).isEqualTo("12m03s");
        assertThat(cells.get(7).isNull()).as("no source downtime: not a StopAfterCopy run").isTrue();
        assertThat(cells.get(8).asText()).matches("\\d+s");
        // a plain client still gets the object itself
        assertThat(get("/apis/datamigration.dev/v1alpha1/namespaces/refresh/datamigrations/prod-to-qa",
                "application/json").get("kind").asText()).isEqualTo("DataMigration");
    }

    @Test
    void writesAKubeconfigThatClientsCanUse(@TempDir Path dir) throws Exception {
        Path file = KubeconfigWriter.write(dir.resolve("kubeconfig"), server.url(), "refresh");
        Config config = Config.fromKubeconfig(Files.readString(file));
        assertThat(config.getMasterUrl()).startsWith(server.url());
        assertThat(config.getNamespace()).isEqualTo("refresh");
        try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(client.resources(DataMigration.class).inNamespace("refresh").list().getItems()).isNotNull();
        }
    }
}

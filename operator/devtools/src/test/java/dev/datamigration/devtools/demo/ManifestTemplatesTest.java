package dev.datamigration.devtools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.api.v1alpha1.SourceDowntime;
import dev.datamigration.api.v1alpha1.TargetDowntime;
import dev.datamigration.simulator.SimulatorState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/demo, as packed into the jar, filled in; and the errors for templates the demo cannot fill. */
class ManifestTemplatesTest {

    private static final Map<String, String> VALUES = Map.of("LIFETIME_TOKEN", "demo-token", "DB_USERNAME", "postgres",
            "DB_PASSWORD", "s3cret", "DB_PORT", "5433", "SOURCE_DATABASE", "demo_prod_1", "TARGET_DATABASE",
            "demo_qa_2", "PLATFORM_URL", "http://127.0.0.1:8089/lifetimeapi/rest/v2");

    @TempDir
    Path dir;

    @Test
    void thePackagedExamplesNameOnlyWhatTheDemoFillsIn() {
        ManifestTemplates.packaged().check(Demo.PLACEHOLDERS);
        assertThat(VALUES.keySet()).isEqualTo(Demo.PLACEHOLDERS);
    }

    @Test
    void theFilledMigrationRefreshesQaFromProductionWithDowntimeThroughTheSimulator() throws Exception {
        String yaml = ManifestTemplates.packaged().render(ManifestTemplates.MIGRATION, VALUES);

        assertThat(yaml).doesNotContainPattern("\\$\\{[A-Z]");
        List<JsonNode> objects = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
                .containsExactly("Secret/demo-production-db", "Secret/demo-qa-db", "Secret/demo-lifetime",
                        "DataMigration/prod-to-qa");
        for (JsonNode database : objects.subList(0, 2)) {
            Secret secret = Serialization.unmarshal(database.toString(), Secret.class);
            assertThat(secret.getStringData()).isEqualTo(Map.of("username", "postgres", "password", "s3cret"));
        }
        assertThat(Serialization.unmarshal(objects.get(2).toString(), Secret.class).getStringData())
                .isEqualTo(Map.of("token", "demo-token"));
        DataMigration migration = Serialization.unmarshal(objects.get(3).toString(), DataMigration.class);
        assertThat(migration.getSpec().getSource().getDatabase().getUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5433/demo_prod_1");
        assertThat(migration.getSpec().getTarget().getDatabase().getUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5433/demo_qa_2");
        assertThat(migration.getSpec().getSource().getDowntime()).isEqualTo(SourceDowntime.StopEnvironment);
        assertThat(migration.getSpec().getTarget().getDowntime()).isEqualTo(TargetDowntime.UndeployApps);
        assertThat(migration.getSpec().getPlatformApi().getUrl()).isEqualTo("http://127.0.0.1:8089/lifetimeapi/rest/v2");
        assertThat(migration.getSpec().getApps()).containsExactly("Catalog", "Customers", "Orders");

        SimulatorState state = SimulatorState.parse(ManifestTemplates.packaged()
                .render(ManifestTemplates.SIMULATOR_STATE, VALUES));
        assertThat(state.lifetime().tokens()).containsExactly("demo-token");
        assertThat(state.lifetime().environments()).extracting(SimulatorState.Environment::name)
                .containsExactly("Production", "QA");
    }

    @Test
    void anUnknownPlaceholderIsNamedBeforeAnythingStarts() throws Exception {
        Files.writeString(dir.resolve(ManifestTemplates.SIMULATOR_STATE), "lifetime: {tokens: [\"${LIFETIME_TOKEN}\"]}\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ManifestTemplates.MIGRATION), "url: \"${DB_HOST}:${DB_PORT}/${DB_NAME}\"\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestTemplates.directory(dir).check(Demo.PLACEHOLDERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + "/migration.yaml has placeholders the demo cannot fill in: ${DB_HOST}, ${DB_NAME}"
                        + " (it fills in ${DB_PASSWORD}, ${DB_PORT}, ${DB_USERNAME}, ${LIFETIME_TOKEN},"
                        + " ${PLATFORM_URL}, ${SOURCE_DATABASE}, ${TARGET_DATABASE})");
        assertThatThrownBy(() -> ManifestTemplates.directory(dir).render(ManifestTemplates.MIGRATION, VALUES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir + "/migration.yaml has placeholders the demo cannot fill in: ${DB_HOST},"
                        + " ${DB_NAME} (it fills in ");
    }

    @Test
    void aDirectoryWithoutTheFilesIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> ManifestTemplates.directory(dir).check(Demo.PLACEHOLDERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("simulator-state.yaml") + " does not exist: --manifests needs a directory with"
                        + " migration.yaml and simulator-state.yaml (a copy of examples/demo)");
    }

    @Test
    void aValueThatWouldBreakOutOfItsQuotedStringIsRefused() {
        Map<String, String> values = new java.util.HashMap<>(VALUES);
        values.put("DB_PASSWORD", "pa\"ss: x");

        assertThatThrownBy(() -> ManifestTemplates.packaged().render(ManifestTemplates.MIGRATION, values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value for ${DB_PASSWORD} cannot go into a quoted YAML string (it holds a quote,"
                        + " backslash or control character)");
    }
}

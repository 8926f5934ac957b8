package dev.datamigration.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datamigration.api.v1alpha1.DataMigration;
import dev.datamigration.deploy.support.CrdSchemaValidator;
import dev.datamigration.deploy.support.RepoFiles;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every example parses, every DataMigration in examples/ is valid for the CRD, and the Secrets hold placeholders only. */
class ExamplesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("^REPLACE_ME_[A-Z0-9_]+$");
    private static final List<String> OWN_MIGRATIONS = List.of(
            "examples/o11-prod-to-qa/refresh-with-downtime.yaml",
            "examples/o11-prod-to-qa/refresh-keep-running.yaml",
            "examples/o11-to-odc/orders-to-odc.yaml",
            "examples/dry-run/plan-prod-to-qa.yaml",
            "examples/gitops/prod-to-qa-2025-06-02.yaml");

    private final CrdSchemaValidator validator = new CrdSchemaValidator(RepoFiles.dataMigrationSchema());

    @Test
    void everyExampleYamlParses() {
        List<Path> files = ExampleDataMigrations.yamlFiles();

        assertThat(files).hasSizeGreaterThanOrEqualTo(OWN_MIGRATIONS.size());
        for (Path file : files) {
            assertThat(RepoFiles.yamlDocuments(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyDataMigrationInExamplesIsValidForTheCrdAndTheModel() {
        List<ExampleDataMigrations.Found> migrations = ExampleDataMigrations.all();
        Set<String> files = new TreeSet<>();
        migrations.forEach(m -> files.add(RepoFiles.root().relativize(m.file()).toString()));

        assertThat(files).containsAll(OWN_MIGRATIONS);
        for (ExampleDataMigrations.Found migration : migrations) {
            assertThat(validator.validate(migration.resource())).as(migration.label()).isEmpty();
            DataMigration typed = Serialization.unmarshal(migration.resource().toString(), DataMigration.class);
            assertThat(typed.getSpec().getApps()).as(migration.label()).isNotEmpty();
        }
    }

    @Test
    void examplesShowEachDowntimeChoiceAndTheOdcTarget() {
        JsonNode withDowntime = ExampleDataMigrations.single("examples/o11-prod-to-qa/refresh-with-downtime.yaml");
        JsonNode online = ExampleDataMigrations.single("examples/o11-prod-to-qa/refresh-keep-running.yaml");
        JsonNode odc = ExampleDataMigrations.single("examples/o11-to-odc/orders-to-odc.yaml");
        JsonNode dryRun = ExampleDataMigrations.single("examples/dry-run/plan-prod-to-qa.yaml");

        assertThat(withDowntime.at("/spec/source/downtime").asText()).isEqualTo("StopEnvironment");
        assertThat(withDowntime.at("/spec/target/downtime").asText()).isEqualTo("UndeployApps");
        assertThat(online.at("/spec/source/downtime").asText()).isEqualTo("KeepRunning");
        assertThat(online.at("/spec/target/downtime").asText()).isEqualTo("KeepDeployed");
        assertThat(odc.at("/spec/target/platform").asText()).isEqualTo("ODC");
        assertThat(odc.at("/spec/target/database/engine").asText()).isEqualTo("PostgreSQL");
        assertThat(odc.at("/spec/users/match").asText()).as("ODC user ids are text: match by e-mail").isEqualTo("Email");
        assertThat(odc.at("/spec/platformApi/source/url").asText()).endsWith("/lifetimeapi/rest/v2");
        assertThat(odc.at("/spec/platformApi/target/url").asText()).endsWith(".outsystems.dev");
        assertThat(dryRun.at("/spec/dryRun").asBoolean()).isTrue();
    }

    @Test
    void secretsAreClearlyMarkedTemplatesWithPlaceholderValuesOnly() {
        List<Path> files = RepoFiles.filesUnder("examples/secrets", ".yaml");
        assertThat(files).hasSize(2);
        for (Path file : files) {
            assertThat(RepoFiles.read(file)).as(file.toString()).contains("TEMPLATES - NOT REAL CREDENTIALS");
            for (JsonNode secret : RepoFiles.yamlDocuments(file)) {
                String name = secret.at("/metadata/name").asText();
                assertThat(secret.path("kind").asText()).as(name).isEqualTo("Secret");
                assertThat(secret.has("data")).as("%s: base64 data hides what is in it; use stringData", name).isFalse();
                assertThat(secret.path("stringData")).as(name).isNotEmpty();
                secret.path("stringData").fields().forEachRemaining(entry -> assertThat(entry.getValue().asText())
                        .as("%s/%s", name, entry.getKey()).matches(PLACEHOLDER));
            }
        }
    }

    @Test
    void everySecretTheExamplesNameExistsWithTheKeysItsUseNeeds() {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Path file : RepoFiles.filesUnder("examples/secrets", ".yaml")) {
            for (JsonNode secret : RepoFiles.yamlDocuments(file)) {
                Set<String> keys = new TreeSet<>();
                secret.path("stringData").fieldNames().forEachRemaining(keys::add);
                secrets.put(secret.at("/metadata/name").asText(), keys);
            }
        }
        List<JsonNode> migrations = new ArrayList<>();
        OWN_MIGRATIONS.forEach(f -> migrations.add(ExampleDataMigrations.single(f)));
        migrations.addAll(ArgoWorkflowExampleTest.renderedManifests());

        for (JsonNode migration : migrations) {
            JsonNode spec = migration.path("spec");
            for (String side : List.of("source", "target")) {
                assertThat(secrets.get(spec.at("/" + side + "/database/credentialsSecret").asText()))
                        .as("%s database secret", side).containsExactly("password", "username");
            }
            JsonNode api = spec.path("platformApi");
            if (api.has("credentialsSecret")) {
                assertThat(secrets.get(api.path("credentialsSecret").asText())).containsExactly("token");
            }
            for (String side : List.of("source", "target")) {
                if (api.has(side)) {
                    Set<String> expected = spec.at("/" + side + "/platform").asText("O11").equals("ODC")
                            ? Set.of("clientId", "clientSecret") : Set.of("token");
                    assertThat(secrets.get(api.at("/" + side + "/credentialsSecret").asText()))
                            .as("%s platform secret", side).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void databaseUrlsCarryNoCredentialsAndVerifyTls() {
        for (ExampleDataMigrations.Found migration : ExampleDataMigrations.all()) {
            if (!OWN_MIGRATIONS.contains(RepoFiles.root().relativize(migration.file()).toString())) {
                continue;
            }
            for (String side : List.of("source", "target")) {
                JsonNode database = migration.resource().at("/spec/" + side + "/database");
                String url = database.path("url").asText();
                assertThat(url.toLowerCase()).as(migration.label())
                        .doesNotContain("password").doesNotContain("user=").doesNotContain("@//user");
                switch (database.path("engine").asText()) {
                    case "SqlServer" -> assertThat(url).contains(";encrypt=true").contains(";trustServerCertificate=false");
                    case "PostgreSQL" -> assertThat(url).contains("sslmode=verify-full");
                    case "Oracle" -> assertThat(url).startsWith("jdbc:oracle:thin:@tcps://");
                    default -> throw new AssertionError("unknown engine in " + migration.label());
                }
            }
        }
    }

    @Test
    void gitopsKustomizationListsExistingNamedMigrations() {
        JsonNode kustomization = RepoFiles.yamlObject(RepoFiles.path("examples/gitops/kustomization.yaml"));

        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        assertThat(kustomization.path("resources")).isNotEmpty();
        for (JsonNode resource : kustomization.path("resources")) {
            JsonNode migration = ExampleDataMigrations.single("examples/gitops/" + resource.asText());
            assertThat(migration.at("/metadata/name").asText())
                    .as("Argo CD cannot apply generateName outside hooks").isNotEmpty();
            assertThat(migration.at("/metadata/generateName").isMissingNode()).isTrue();
        }
        assertThat(kustomization.at("/commonAnnotations/argocd.argoproj.io~1sync-options").asText())
                .isEqualTo("Prune=false");
    }
}

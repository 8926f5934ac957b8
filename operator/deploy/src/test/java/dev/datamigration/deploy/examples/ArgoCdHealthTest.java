package dev.datamigration.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datamigration.deploy.support.CrdSchemaValidator;
import dev.datamigration.deploy.support.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** examples/argocd/health.lua gives, for every testdata input, the health health_test.yaml expects; run with LuaJ. */
class ArgoCdHealthTest {

    private static final Path DIR = RepoFiles.path("examples/argocd");
    private static LuaHealthScript health;

    @BeforeAll
    static void load() {
        health = new LuaHealthScript(RepoFiles.read(DIR.resolve("health.lua")));
    }

    @TestFactory
    Stream<DynamicTest> everyTestdataInputGivesItsExpectedHealth() {
        JsonNode tests = RepoFiles.yamlObject(DIR.resolve("health_test.yaml")).path("tests");
        assertThat(tests).isNotEmpty();
        List<DynamicTest> cases = new ArrayList<>();
        for (JsonNode test : tests) {
            String input = test.path("inputPath").asText();
            cases.add(DynamicTest.dynamicTest(input, () -> {
                LuaHealthScript.Health actual = health.evaluate(RepoFiles.yamlObject(DIR.resolve(input)));

                assertThat(actual.status()).isEqualTo(test.at("/healthStatus/status").asText());
                assertThat(actual.message()).isEqualTo(test.at("/healthStatus/message").asText());
            }));
        }
        return cases.stream();
    }

    @Test
    void everyTestdataFileIsATestedValidDataMigration() {
        JsonNode tests = RepoFiles.yamlObject(DIR.resolve("health_test.yaml")).path("tests");
        List<String> referenced = new ArrayList<>();
        tests.forEach(t -> referenced.add(t.path("inputPath").asText()));
        CrdSchemaValidator validator = new CrdSchemaValidator(RepoFiles.dataMigrationSchema());

        List<String> files = RepoFiles.filesUnder("examples/argocd/testdata", ".yaml").stream()
                .map(p -> "testdata/" + p.getFileName()).toList();

        assertThat(referenced).containsExactlyInAnyOrderElementsOf(files);
        for (String file : files) {
            assertThat(validator.validate(RepoFiles.yamlObject(DIR.resolve(file)))).as(file).isEmpty();
        }
    }

    @Test
    void everyPhaseOfTheCrdMapsToTheDocumentedHealth() {
        JsonNode phases = RepoFiles.dataMigrationSchema().at("/properties/status/properties/phase/enum");
        ObjectNode resource = (ObjectNode) RepoFiles.yamlObject(DIR.resolve("testdata/copying.yaml"));
        assertThat(phases).hasSize(9);

        for (JsonNode phase : phases) {
            ((ObjectNode) resource.path("status")).put("phase", phase.asText());
            String expected = switch (phase.asText()) {
                case "Succeeded" -> "Healthy";
                case "Failed", "Cancelled" -> "Degraded";
                default -> "Progressing";
            };
            LuaHealthScript.Health actual = health.evaluate(resource);

            assertThat(actual.status()).as(phase.asText()).isEqualTo(expected);
            assertThat(actual.message()).as(phase.asText()).startsWith(phase.asText() + ": ");
            assertThat(Set.of("Healthy", "Progressing", "Degraded", "Suspended")).contains(actual.status());
        }
    }

    @Test
    void argoCdConfigMapPatchCarriesExactlyThisScript() {
        JsonNode patch = RepoFiles.yamlObject(DIR.resolve("argocd-cm-patch.yaml"));

        assertThat(patch.at("/data/resource.customizations.health.datamigration.dev_DataMigration").asText())
                .isEqualTo(RepoFiles.read(DIR.resolve("health.lua")));
    }
}

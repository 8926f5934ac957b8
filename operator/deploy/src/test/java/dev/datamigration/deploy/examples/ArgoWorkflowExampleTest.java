package dev.datamigration.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datamigration.deploy.support.CrdSchemaValidator;
import dev.datamigration.deploy.support.RepoFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/argo/refresh-qa-then-uat.yaml: QA first, UAT only after QA succeeded, each a new DataMigration waited on
 * through status.phase. The manifests are checked after Argo's parameter substitution.
 */
class ArgoWorkflowExampleTest {

    private static final String FILE = "examples/argo/refresh-qa-then-uat.yaml";
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{([a-z.\\-]+)}}");

    @Test
    void workflowIsCreatedWithGenerateNameAndRunsQaThenUat() {
        JsonNode workflow = workflow();
        JsonNode steps = template(workflow, workflow.at("/spec/entrypoint").asText()).path("steps");

        assertThat(workflow.path("kind").asText()).isEqualTo("Workflow");
        assertThat(workflow.at("/metadata/generateName").asText()).isEqualTo("refresh-qa-then-uat-");
        assertThat(workflow.at("/metadata/name").isMissingNode()).isTrue();
        assertThat(steps).as("two sequential step groups of one step each").hasSize(2);
        assertThat(steps.get(0)).singleElement().satisfies(s -> assertThat(s.path("name").asText()).isEqualTo("qa"));
        assertThat(steps.get(1)).singleElement().satisfies(s -> assertThat(s.path("name").asText()).isEqualTo("uat"));
    }

    @Test
    void migrateStepCreatesAndWaitsOnTheScalarPhase() {
        JsonNode resource = template(workflow(), "migrate").path("resource");

        assertThat(resource.path("action").asText()).isEqualTo("create");
        assertThat(resource.path("successCondition").asText()).isEqualTo("status.phase == Succeeded");
        assertThat(resource.path("failureCondition").asText()).isEqualTo("status.phase in (Failed,Cancelled)");
        assertThat(resource.path("setOwnerReference").asBoolean()).isTrue();
    }

    @Test
    void substitutedManifestsAreValidDataMigrationsForQaAndUat() {
        CrdSchemaValidator validator = new CrdSchemaValidator(RepoFiles.dataMigrationSchema());
        List<JsonNode> manifests = renderedManifests();

        assertThat(manifests).extracting(m -> m.at("/metadata/generateName").asText())
                .containsExactly("prod-to-qa-", "prod-to-uat-");
        assertThat(manifests).extracting(m -> m.at("/spec/target/environment").asText()).containsExactly("QA", "UAT");
        assertThat(manifests).extracting(m -> m.at("/spec/target/database/credentialsSecret").asText())
                .containsExactly("qa-db-writer", "uat-db-writer");
        for (JsonNode manifest : manifests) {
            assertThat(validator.validate(manifest)).isEmpty();
            assertThat(manifest.at("/spec/apps")).extracting(JsonNode::asText).containsExactly("Orders", "Customers");
        }
    }

    @Test
    void workflowServiceAccountMayCreateAndWatchMigrationsOnly() {
        List<JsonNode> rbac = RepoFiles.yamlDocuments(RepoFiles.path("examples/argo/rbac.yaml"));
        JsonNode role = rbac.stream().filter(d -> d.path("kind").asText().equals("Role")).findFirst().orElseThrow();

        assertThat(workflow().at("/spec/serviceAccountName").asText()).isEqualTo("datamigration-workflow");
        assertThat(role.path("rules").get(0).path("resources")).extracting(JsonNode::asText)
                .containsExactly("datamigrations");
        assertThat(role.path("rules").get(0).path("verbs")).extracting(JsonNode::asText)
                .containsExactly("get", "list", "watch", "create");
    }

    /** The DataMigration each step creates, with {{inputs.parameters.*}} and {{workflow.*}} filled in as Argo does. */
    static List<JsonNode> renderedManifests() {
        JsonNode workflow = workflow();
        String manifest = template(workflow, "migrate").at("/resource/manifest").asText();
        Map<String, String> workflowParameters = new HashMap<>();
        workflow.at("/spec/arguments/parameters").forEach(p ->
                workflowParameters.put("workflow.parameters." + p.path("name").asText(), p.path("value").asText()));
        workflowParameters.put("workflow.name", "refresh-qa-then-uat-x7k2p");

        List<JsonNode> rendered = new ArrayList<>();
        for (JsonNode group : template(workflow, "refresh").path("steps")) {
            for (JsonNode step : group) {
                Map<String, String> values = new HashMap<>(workflowParameters);
                step.at("/arguments/parameters").forEach(p ->
                        values.put("inputs.parameters." + p.path("name").asText(), p.path("value").asText()));
                rendered.add(RepoFiles.yamlDocuments(substitute(manifest, values)).get(0));
            }
        }
        return rendered;
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new AssertionError("the manifest uses {{" + matcher.group(1) + "}}, which nothing defines");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static JsonNode workflow() {
        return RepoFiles.yamlObject(RepoFiles.path(FILE));
    }

    private static JsonNode template(JsonNode workflow, String name) {
        for (JsonNode template : workflow.at("/spec/templates")) {
            if (template.path("name").asText().equals(name)) {
                return template;
            }
        }
        throw new AssertionError("no template " + name);
    }
}

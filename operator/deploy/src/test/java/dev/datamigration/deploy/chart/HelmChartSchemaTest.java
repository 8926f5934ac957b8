package dev.datamigration.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.datamigration.deploy.support.RenderedChart;
import dev.datamigration.deploy.support.RepoFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json: it describes every value, and Helm refuses values that break it with the schema's reason. */
class HelmChartSchemaTest {

    @Test
    void schemaDescribesEveryValueOfValuesYaml() {
        JsonNode values = RepoFiles.yamlObject(RepoFiles.path("helm/datamigration-operator/values.yaml"));
        JsonNode schema = RepoFiles.yamlObject(RepoFiles.path("helm/datamigration-operator/values.schema.json"));
        List<String> undescribed = new ArrayList<>();

        collectUndescribed("", values, schema, schema, undescribed);

        assertThat(undescribed).as("values without a schema entry").isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    @Test
    void replicasBelowOneIsRefused() {
        assertRefused("replicas", 0, "/replicas", "minimum");
    }

    @Test
    void misspelledTopLevelValueIsRefused() {
        assertRefused("replica", 2, "additional properties 'replica' not allowed");
    }

    @Test
    void watchNamespaceThatIsNoDnsLabelIsRefused() {
        assertRefused("watchNamespaces[0]", "Team_A", "/watchNamespaces/0", "does not match pattern");
    }

    @Test
    void privilegeEscalationCannotBeSwitchedOn() {
        assertRefused("securityContext.allowPrivilegeEscalation", true, "/securityContext/allowPrivilegeEscalation");
    }

    @Test
    void rootUserIsRefused() {
        assertRefused("podSecurityContext.runAsUser", 0, "/podSecurityContext/runAsUser", "minimum");
    }

    @Test
    void unknownPullPolicyIsRefused() {
        assertRefused("image.pullPolicy", "Sometimes", "/image/pullPolicy", "Always");
    }

    @Test
    void emptyScraperListWhichWouldAdmitEveryoneIsRefused() {
        Throwable thrown = catchRender(command -> command.withValuesFile(RenderedChart.valuesFile("open-network-policy")));
        assertThat(thrown).hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/networkPolicy/metricsFrom")
                .hasMessageContaining("minItems");
    }

    @Test
    void clusterOlderThanTheChartsKubeVersionIsRefused() {
        assertThatThrownBy(() -> new Helm(RenderedChart.CHART).template().withName("dm").withKubeVersion("1.27.0").call())
                .hasMessageContaining("chart requires kubeVersion: >=1.29.0-0 which is incompatible with Kubernetes v1.27.0");
    }

    private static void assertRefused(String key, Object value, String... messageParts) {
        Throwable thrown = catchRender(command -> command.set(key, value));
        assertThat(thrown).as("--set %s=%s", key, value)
                .hasMessageContaining("values don't meet the specifications of the schema");
        for (String part : messageParts) {
            assertThat(thrown).hasMessageContaining(part);
        }
    }

    private static Throwable catchRender(java.util.function.UnaryOperator<com.marcnuri.helm.TemplateCommand> configure) {
        try {
            RenderedChart.render(configure);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the chart rendered although the values break its schema");
    }

    /** Walks values.yaml; a key is described when the schema (after $ref) names it in properties. */
    private static void collectUndescribed(String path, JsonNode value, JsonNode schema, JsonNode root,
                                           List<String> undescribed) {
        JsonNode resolved = resolve(schema, root);
        if (!value.isObject() || resolved.path("type").asText().equals("object") && !resolved.has("properties")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode fieldSchema = resolve(resolved.path("properties").path(field.getKey()), root);
            if (fieldSchema.isMissingNode()) {
                undescribed.add(fieldPath);
            } else {
                collectUndescribed(fieldPath, field.getValue(), fieldSchema, root, undescribed);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return root.at(ref.substring(1));
        }
        return schema;
    }
}

package dev.datamigration.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datamigration.deploy.support.CrdField;
import dev.datamigration.deploy.support.RepoFiles;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/crd-reference.md describes exactly the CRD's fields: every spec field with its type, whether it is required,
 * its default and its allowed values; every status field with its type; and nothing the CRD does not have.
 * docs/user-guide.md names every spec field with its default too.
 */
class CrdReferenceDocsTest {

    private static List<CrdField> specFields;
    private static List<CrdField> statusFields;

    @BeforeAll
    static void walkTheCrd() {
        JsonNode schema = RepoFiles.dataMigrationSchema();
        specFields = CrdField.walk("spec", schema.at("/properties/spec"));
        statusFields = CrdField.walk("status", schema.at("/properties/status"));
    }

    @Test
    void theWalkSeesTheWholeSchema() {
        assertThat(specFields).extracting(CrdField::path).contains(
                "spec.source.database.url", "spec.masking[].strategy", "spec.copier.resources.claims[].name",
                "spec.platformApi.target.credentialsSecret");
        assertThat(specFields).hasSize(56);
        assertThat(statusFields).extracting(CrdField::path).contains("status.apps[].entities.migrated", "status.phase");
    }

    @Test
    void referenceDocumentsEverySpecFieldWithTypeRequirednessDefaultAndAllowedValues() {
        Map<String, List<String>> rows = MarkdownTableRows.byFirstCell(RepoFiles.read("docs/crd-reference.md"));
        SoftAssertions softly = new SoftAssertions();

        for (CrdField field : specFields) {
            List<String> row = rows.get(field.path());
            softly.assertThat(row).as("row for %s", field.path()).isNotNull();
            if (row == null) {
                continue;
            }
            softly.assertThat(row).as(field.path()).hasSize(6);
            softly.assertThat(row.get(1)).as("type of %s", field.path()).isEqualTo(field.type());
            softly.assertThat(row.get(2)).as("required of %s", field.path()).isEqualTo(field.required() ? "yes" : "no");
            softly.assertThat(row.get(3)).as("default of %s", field.path())
                    .isEqualTo(field.defaultValue().map(d -> "`" + d + "`").orElse("—"));
            for (String constraint : constraints(field)) {
                softly.assertThat(row.get(4)).as("allowed values of %s", field.path()).contains(constraint);
            }
            softly.assertThat(row.get(5)).as("description of %s", field.path()).isNotBlank();
        }
        softly.assertThat(rows.keySet().stream().filter(k -> k.startsWith("spec.")).toList())
                .as("documented spec fields the CRD does not have")
                .containsExactlyInAnyOrderElementsOf(specFields.stream().map(CrdField::path).toList());
        softly.assertAll();
    }

    @Test
    void referenceDocumentsEveryStatusFieldWithItsTypeAndValues() {
        Map<String, List<String>> rows = MarkdownTableRows.byFirstCell(RepoFiles.read("docs/crd-reference.md"));
        SoftAssertions softly = new SoftAssertions();

        for (CrdField field : statusFields) {
            List<String> row = rows.get(field.path());
            softly.assertThat(row).as("row for %s", field.path()).isNotNull();
            if (row == null) {
                continue;
            }
            softly.assertThat(row).as(field.path()).hasSize(4);
            softly.assertThat(row.get(1)).as("type of %s", field.path()).isEqualTo(field.type());
            for (String value : field.allowedValues()) {
                softly.assertThat(row.get(2)).as("values of %s", field.path()).contains("`" + value + "`");
            }
            softly.assertThat(row.get(3)).as("description of %s", field.path()).isNotBlank();
        }
        softly.assertThat(rows.keySet().stream().filter(k -> k.startsWith("status.")).toList())
                .as("documented status fields the CRD does not have")
                .containsExactlyInAnyOrderElementsOf(statusFields.stream().map(CrdField::path).toList());
        softly.assertAll();
    }

    @Test
    void userGuideNamesEverySpecFieldWithItsDefaultOnTheSameLine() {
        List<String> lines = RepoFiles.read("docs/user-guide.md").lines().toList();
        SoftAssertions softly = new SoftAssertions();

        for (CrdField field : specFields) {
            String code = "`" + field.path() + "`";
            List<String> mentions = lines.stream().filter(l -> l.contains(code)).toList();
            softly.assertThat(mentions).as("user guide mentions %s", field.path()).isNotEmpty();
            field.defaultValue().ifPresent(d -> softly.assertThat(mentions)
                    .as("user guide gives the default of %s", field.path())
                    .anyMatch(l -> l.contains("`" + d + "`")));
        }
        softly.assertThat(lines).as("user guide links the reference").anyMatch(l -> l.contains("(crd-reference.md)"));
        softly.assertAll();
    }

    /** What the allowed-values cell must say: enum values, bounds, pattern, minimum item count. */
    private static List<String> constraints(CrdField field) {
        JsonNode schema = field.schema();
        List<String> expected = field.allowedValues().stream().map(v -> "`" + v + "`")
                .collect(Collectors.toList());
        if (schema.has("minimum")) {
            expected.add("≥ " + schema.get("minimum").decimalValue().stripTrailingZeros().toPlainString());
        }
        if (schema.has("maximum")) {
            expected.add("≤ " + schema.get("maximum").decimalValue().stripTrailingZeros().toPlainString());
        }
        if (schema.has("pattern")) {
            expected.add("`" + schema.get("pattern").asText() + "`");
        }
        if (schema.has("minItems")) {
            expected.add("at least " + schema.get("minItems").asInt() + " item");
        }
        return expected;
    }
}

package dev.datamigration.deploy.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schema checker the example tests rely on: every rule it claims to check refuses a bad value with a clear message. */
class CrdSchemaValidatorTest {

    private static final String VALID = """
            apiVersion: datamigration.dev/v1alpha1
            kind: DataMigration
            metadata: {name: m}
            spec:
              source:
                environment: Production
                database: {engine: SqlServer, url: "jdbc:sqlserver://db:1433", credentialsSecret: s}
              target:
                environment: QA
                database: {engine: SqlServer, url: "jdbc:sqlserver://qa:1433", credentialsSecret: t}
              apps: [Orders]
              copier:
                resources:
                  requests: {cpu: 500m, memory: 1Gi}
                  limits: {cpu: 2}
            """;

    private final CrdSchemaValidator validator = new CrdSchemaValidator(RepoFiles.dataMigrationSchema());

    @Test
    void minimalMigrationIsValid() {
        assertThat(validator.validate(parse(VALID))).isEmpty();
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).remove("apps");
        ((ObjectNode) migration.at("/spec/target/database")).remove("credentialsSecret");

        assertThat(validator.validate(migration)).containsExactly(
                "spec.target.database.credentialsSecret: Required value",
                "spec.apps: Required value");
    }

    @Test
    void valueOutsideAnEnumListsTheSupportedOnes() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).put("existingData", "Wipe");

        assertThat(validator.validate(migration)).containsExactly(
                "spec.existingData: Unsupported value: \"Wipe\": supported values: \"Append\", \"Replace\", \"Sync\"");
    }

    @Test
    void urlOfAnotherDriverBreaksThePattern() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.at("/spec/source/database")).put("url", "jdbc:mysql://db/x");

        assertThat(validator.validate(migration)).containsExactly(
                "spec.source.database.url: Invalid value: \"jdbc:mysql://db/x\": should match '^jdbc:(sqlserver|oracle|postgresql):.+'");
    }

    @Test
    void emptyAppListIsBelowMinItems() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).putArray("apps");

        assertThat(validator.validate(migration)).containsExactly(
                "spec.apps: Invalid value: 0: should have at least 1 items");
    }

    @Test
    void numbersOutsideTheirBoundsAreRefused() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).put("parallelism", 33);
        ((ObjectNode) migration.at("/spec/copier")).put("batchSize", 99).put("activeDeadlineSeconds", 59);

        assertThat(validator.validate(migration)).as("in document order").containsExactly(
                "spec.copier.batchSize: Invalid value: 99: should be greater than or equal to 100",
                "spec.copier.activeDeadlineSeconds: Invalid value: 59: should be greater than or equal to 60",
                "spec.parallelism: Invalid value: 33: should be less than or equal to 32");
    }

    @Test
    void wrongTypesAreRefused() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).put("dryRun", "yes").put("parallelism", "2");
        ((ObjectNode) migration.at("/spec/copier/resources/limits")).putArray("cpu");

        assertThat(validator.validate(migration)).containsExactly(
                "spec.copier.resources.limits.cpu: Invalid value: array: expected integer or string",
                "spec.dryRun: Invalid value: \"yes\": expected boolean",
                "spec.parallelism: Invalid value: \"2\": expected integer");
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).put("paralelism", 4);
        ((ObjectNode) migration.at("/spec/source/database")).put("password", "x");
        migration.put("extra", true);

        assertThat(validator.validate(migration)).containsExactly(
                "spec.source.database.password: Unknown field",
                "spec.paralelism: Unknown field",
                "extra: Unknown field");
    }

    @Test
    void arrayItemsAreCheckedWithTheirIndex() {
        ObjectNode migration = parse(VALID);
        ((ObjectNode) migration.path("spec")).putArray("masking")
                .add(parse("{app: A, entity: E, attribute: X, strategy: Shuffle}"))
                .add(parse("{app: A, entity: E}"));

        assertThat(validator.validate(migration)).containsExactly(
                "spec.masking[0].strategy: Unsupported value: \"Shuffle\": supported values: \"Default\", \"Email\", \"Hash\", \"Redact\"",
                "spec.masking[1].attribute: Required value");
    }

    private static ObjectNode parse(String yaml) {
        JsonNode node = RepoFiles.yamlDocuments(yaml).get(0);
        return (ObjectNode) node;
    }
}

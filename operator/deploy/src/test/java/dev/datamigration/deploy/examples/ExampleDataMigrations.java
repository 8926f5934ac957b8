package dev.datamigration.deploy.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datamigration.deploy.support.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The DataMigration documents found in the YAML files under examples/. */
final class ExampleDataMigrations {

    record Found(Path file, JsonNode resource) {
        String label() {
            return RepoFiles.root().relativize(file) + " " + resource.at("/metadata/name").asText(
                    resource.at("/metadata/generateName").asText());
        }
    }

    private ExampleDataMigrations() {
    }

    static List<Path> yamlFiles() {
        return RepoFiles.filesUnder("examples", ".yaml", ".yml");
    }

    /** Every DataMigration document under examples/ (others' folders included: they must validate too). */
    static List<Found> all() {
        List<Found> found = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (JsonNode document : RepoFiles.yamlDocuments(file)) {
                if (isDataMigration(document)) {
                    found.add(new Found(file, document));
                }
            }
        }
        return found;
    }

    static boolean isDataMigration(JsonNode document) {
        return document.path("kind").asText().equals("DataMigration")
                && document.path("apiVersion").asText().equals("datamigration.dev/v1alpha1");
    }

    static JsonNode single(String relativeFile) {
        List<JsonNode> migrations = RepoFiles.yamlDocuments(RepoFiles.path(relativeFile)).stream()
                .filter(ExampleDataMigrations::isDataMigration).toList();
        if (migrations.size() != 1) {
            throw new AssertionError(relativeFile + ": expected one DataMigration, found " + migrations.size());
        }
        return migrations.get(0);
    }
}

package dev.datamigration.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository these tests check (the chart, the examples, the docs), read as UTF-8 and YAML. */
public final class RepoFiles {

    public static final ObjectMapper YAML = new YAMLMapper();
    public static final ObjectMapper JSON = new ObjectMapper();

    private RepoFiles() {
    }

    /** The repository root: Surefire passes it; an IDE run from the module directory falls back to ../.. */
    public static Path root() {
        String configured = System.getProperty("repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("../..");
        Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(normalized.resolve("crds/datamigrations.datamigration.dev-v1.yml"))) {
            throw new IllegalStateException("not the repository root (no crds/ there): " + normalized);
        }
        return normalized;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String relative) {
        return read(path(relative));
    }

    /** Every document of a multi-document YAML text; empty documents (a lone ---) are skipped. */
    public static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode node = iterator.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("invalid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    public static List<JsonNode> yamlDocuments(Path file) {
        try {
            return yamlDocuments(read(file));
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** The single YAML document of a file, as an object. */
    public static ObjectNode yamlObject(Path file) {
        List<JsonNode> documents = yamlDocuments(file);
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new IllegalStateException(file + ": expected one YAML mapping, found " + documents.size() + " documents");
        }
        return (ObjectNode) documents.get(0);
    }

    /** Regular files under a directory of the repository whose names end with one of the suffixes, sorted. */
    public static List<Path> filesUnder(String relativeDir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(path(relativeDir))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The openAPIV3Schema of the committed DataMigration CRD. */
    public static JsonNode dataMigrationSchema() {
        JsonNode crd = yamlObject(path("crds/datamigrations.datamigration.dev-v1.yml"));
        return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }
}

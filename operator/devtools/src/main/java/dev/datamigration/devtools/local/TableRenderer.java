package dev.datamigration.devtools.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datamigration.api.v1alpha1.DataMigration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders DataMigration objects as a meta.k8s.io/v1 Table with the CRD's printer columns, the way a real API
 * server answers {@code kubectl get dm}. Only the simple dotted JSON paths our CRD uses are evaluated.
 */
final class TableRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<CustomResourceColumnDefinition> COLUMNS =
            LocalApiServer.loadCrd().getSpec().getVersions().get(0).getAdditionalPrinterColumns();

    private TableRenderer() {
    }

    /** Whether the path is a datamigrations collection or object. */
    static boolean handles(String path) {
        return path.startsWith("/apis/" + DataMigration.GROUP + "/" + DataMigration.VERSION + "/")
                && path.matches(".*/datamigrations(/[^/]+)?$");
    }

    /** Converts a DataMigration or a DataMigrationList JSON document to a Table JSON document. */
    static String render(String json) {
        return render(json, Instant.now());
    }

    static String render(String json, Instant now) {
        try {
            JsonNode document = MAPPER.readTree(json);
            List<JsonNode> items = new ArrayList<>();
            if (document.has("items")) {
                document.get("items").forEach(items::add);
            } else {
                items.add(document);
            }
            ObjectNode table = MAPPER.createObjectNode();
            table.put("kind", "Table");
            table.put("apiVersion", "meta.k8s.io/v1");
            table.putObject("metadata").put("resourceVersion",
                    document.path("metadata").path("resourceVersion").asText(""));
            ArrayNode definitions = table.putArray("columnDefinitions");
            definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                    .put("priority", 0).put("description", "Name of the DataMigration");
            for (CustomResourceColumnDefinition column : COLUMNS) {
                definitions.addObject().put("name", column.getName())
                        .put("type", "date".equals(column.getType()) ? "string" : column.getType())
                        .put("format", "").put("priority", column.getPriority() == null ? 0 : column.getPriority())
                        .put("description", column.getJsonPath());
            }
            ArrayNode rows = table.putArray("rows");
            for (JsonNode item : items) {
                ObjectNode row = rows.addObject();
                ArrayNode cells = row.putArray("cells");
                cells.add(item.path("metadata").path("name").asText());
                for (CustomResourceColumnDefinition column : COLUMNS) {
                    JsonNode value = at(item, column.getJsonPath());
                    if ("date".equals(column.getType())) {
                        cells.add(value.isMissingNode() ? "<unknown>" : age(Instant.parse(value.asText()), now));
                    } else if (value.isMissingNode() || value.isNull()) {
                        cells.addNull();
                    } else {
                        cells.add(value);
                    }
                }
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", item.path("metadata"));
            }
            return MAPPER.writeValueAsString(table);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode at(JsonNode node, String jsonPath) {
        JsonNode current = node;
        for (String part : jsonPath.substring(1).split("\\.")) {
            current = current.path(part);
        }
        return current;
    }

    /** kubectl's short age format: 45s, 12m, 3h, 2d. */
    static String age(Instant created, Instant now) {
        Duration age = Duration.between(created, now);
        if (age.toSeconds() < 120) {
            return Math.max(0, age.toSeconds()) + "s";
        }
        if (age.toMinutes() < 120) {
            return age.toMinutes() + "m";
        }
        if (age.toHours() < 48) {
            return age.toHours() + "h";
        }
        return age.toDays() + "d";
    }
}

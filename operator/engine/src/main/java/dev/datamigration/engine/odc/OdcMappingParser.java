package dev.datamigration.engine.odc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code mapping.yaml} strictly: only the keys of the documented format, each of the right kind; no duplicate
 * YAML key, app, entity, table or column; {@code entity} as {@code Module.Entity}. Every problem is collected and
 * reported at once ({@link OdcMappingException}), with its place in the file ({@code apps[0].entities[2].table}). It
 * knows nothing of the O11 catalog or the stage: {@link OdcModelCheck} checks the names against those.
 */
public final class OdcMappingParser {

    private static final Set<String> TOP_KEYS = Set.of("apps");
    private static final Set<String> APP_KEYS = Set.of("app", "odcApp", "entities");
    private static final Set<String> ENTITY_KEYS = Set.of("entity", "table", "columns");

    private final List<String> problems = new ArrayList<>();

    private OdcMappingParser() {
    }

    /** Parses {@code yaml}; throws {@link OdcMappingException} listing every problem. */
    public static OdcMapping parse(String yaml) {
        return new OdcMappingParser().read(yaml);
    }

    private OdcMapping read(String yaml) {
        JsonNode root;
        try {
            YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder().build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
            root = mapper.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            throw new OdcMappingException(List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new OdcMappingException(List.of("the file is empty: it needs a list apps"));
        }
        if (!root.isObject()) {
            throw new OdcMappingException(List.of("the file must be a map with the key apps"));
        }
        unknownKeys(root, TOP_KEYS, "");
        JsonNode appsNode = root.get("apps");
        List<OdcMapping.AppMapping> apps = new ArrayList<>();
        if (appsNode == null || !appsNode.isArray() || appsNode.isEmpty()) {
            problems.add("apps must be a non-empty list");
        } else {
            Map<String, String> appSeen = new HashMap<>();
            Map<String, String> entitySeen = new HashMap<>();
            Map<String, String> tableSeen = new HashMap<>();
            for (int i = 0; i < appsNode.size(); i++) {
                OdcMapping.AppMapping app = app(appsNode.get(i), "apps[" + i + "]", entitySeen, tableSeen);
                if (app == null) {
                    continue;
                }
                String first = appSeen.putIfAbsent(app.app(), "apps[" + i + "]");
                if (first != null) {
                    problems.add("apps[" + i + "].app: " + app.app() + " is already mapped at " + first);
                } else {
                    apps.add(app);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new OdcMappingException(problems);
        }
        return new OdcMapping(apps);
    }

    private OdcMapping.AppMapping app(JsonNode node, String at, Map<String, String> entitySeen,
                                      Map<String, String> tableSeen) {
        if (!node.isObject()) {
            problems.add(at + " must be a map with app, odcApp and entities");
            return null;
        }
        unknownKeys(node, APP_KEYS, at + ".");
        String app = text(node, "app", at, true);
        String odcApp = text(node, "odcApp", at, false);
        JsonNode entitiesNode = node.get("entities");
        List<OdcMapping.EntityMapping> entities = new ArrayList<>();
        if (entitiesNode == null || !entitiesNode.isArray() || entitiesNode.isEmpty()) {
            problems.add(at + ".entities must be a non-empty list");
        } else {
            for (int j = 0; j < entitiesNode.size(); j++) {
                String eAt = at + ".entities[" + j + "]";
                OdcMapping.EntityMapping entity = entity(entitiesNode.get(j), eAt);
                if (entity == null) {
                    continue;
                }
                String firstEntity = entitySeen.putIfAbsent(entity.entity(), eAt);
                String firstTable = tableSeen.putIfAbsent(entity.table().toLowerCase(Locale.ROOT), eAt);
                if (firstEntity != null) {
                    problems.add(eAt + ".entity: " + entity.entity() + " is already mapped at " + firstEntity);
                } else if (firstTable != null) {
                    problems.add(eAt + ".table: " + entity.table() + " is already the table of " + firstTable);
                } else {
                    entities.add(entity);
                }
            }
        }
        if (app == null) {
            return null;
        }
        return new OdcMapping.AppMapping(app, odcApp == null ? app : odcApp, entities);
    }

    private OdcMapping.EntityMapping entity(JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(at + " must be a map with entity, table and columns");
            return null;
        }
        unknownKeys(node, ENTITY_KEYS, at + ".");
        String entity = text(node, "entity", at, true);
        String table = text(node, "table", at, true);
        if (entity != null) {
            int dot = entity.lastIndexOf('.');
            if (dot <= 0 || dot == entity.length() - 1) {
                problems.add(at + ".entity: " + entity + " is not Module.Entity");
                entity = null;
            }
        }
        if (table != null && !validTable(table)) {
            problems.add(at + ".table: " + table + " is not a table name (name or schema.name)");
            table = null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        JsonNode columnsNode = node.get("columns");
        if (columnsNode != null && !columnsNode.isNull()) {
            if (!columnsNode.isObject()) {
                problems.add(at + ".columns must be a map of O11 attribute name to stage column");
            } else {
                Map<String, String> byColumn = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = columnsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String cAt = at + ".columns." + field.getKey();
                    if (!field.getValue().isTextual() || field.getValue().asText().isBlank()) {
                        problems.add(cAt + " must be a column name");
                        continue;
                    }
                    String column = field.getValue().asText().trim();
                    String first = byColumn.putIfAbsent(column.toLowerCase(Locale.ROOT), field.getKey());
                    if (first != null) {
                        problems.add(cAt + ": column " + column + " is already the column of " + first);
                        continue;
                    }
                    columns.put(field.getKey().trim(), column);
                }
            }
        }
        if (entity == null || table == null) {
            return null;
        }
        return new OdcMapping.EntityMapping(entity, table, columns);
    }

    private static boolean validTable(String table) {
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (part.isBlank() || !part.equals(part.trim())) {
                return false;
            }
        }
        return true;
    }

    private String text(JsonNode node, String key, String at, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(at + "." + key + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(at + "." + key + " must be a non-empty text");
            return null;
        }
        return value.asText().trim();
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(at + key + ": unknown key (allowed: " + String.join(", ", allowed.stream().sorted()
                        .toList()) + ")");
            }
        }
    }
}

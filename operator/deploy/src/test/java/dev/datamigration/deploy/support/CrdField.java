package dev.datamigration.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One field of the CRD schema, named by its path ({@code spec.source.database.url}, {@code spec.masking[].app}),
 * with what a reference table must say about it.
 */
public record CrdField(String path, String type, boolean required, Optional<String> defaultValue,
                       List<String> allowedValues, JsonNode schema) {

    /** Every field under {@code root} (e.g. the schema of spec), depth first, in schema order. Maps are leaves. */
    public static List<CrdField> walk(String rootPath, JsonNode rootSchema) {
        List<CrdField> fields = new ArrayList<>();
        collect(rootPath, rootSchema, fields);
        return fields;
    }

    private static void collect(String path, JsonNode objectSchema, List<CrdField> fields) {
        Set<String> required = new TreeSet<>();
        objectSchema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = objectSchema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String fieldPath = path + "." + property.getKey();
            JsonNode schema = property.getValue();
            fields.add(of(fieldPath, schema, required.contains(property.getKey())));
            if (schema.has("properties")) {
                collect(fieldPath, schema, fields);
            } else if (schema.path("items").has("properties")) {
                collect(fieldPath + "[]", schema.path("items"), fields);
            }
        }
    }

    private static CrdField of(String path, JsonNode schema, boolean required) {
        Optional<String> defaultValue = schema.has("default")
                ? Optional.of(schema.get("default").asText())
                : Optional.empty();
        List<String> allowed = new ArrayList<>();
        schema.path("enum").forEach(v -> allowed.add(v.asText()));
        return new CrdField(path, typeName(schema), required, defaultValue, allowed, schema);
    }

    private static String typeName(JsonNode schema) {
        String type = schema.path("type").asText("");
        if (type.equals("array")) {
            return "[]" + typeName(schema.path("items"));
        }
        if (type.equals("object") && schema.has("additionalProperties")) {
            return "map[string]" + typeName(schema.path("additionalProperties"));
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return "int-or-string";
        }
        return type;
    }
}

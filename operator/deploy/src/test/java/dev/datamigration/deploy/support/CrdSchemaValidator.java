package dev.datamigration.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks an object against a CRD's structural openAPIV3Schema the way the API server does for the keywords our CRD
 * uses: type, properties, required, enum, pattern, minItems/maxItems, minimum/maximum, additionalProperties,
 * x-kubernetes-int-or-string, and unknown fields (which kubectl's strict field validation rejects).
 * CEL rules (x-kubernetes-validations) are transition rules on updates and are not evaluated here.
 * Messages follow the API server's wording: {@code spec.parallelism: Invalid value: 0: should be less than or equal to 32}.
 */
public final class CrdSchemaValidator {

    /** Fields every Kubernetes object may carry besides those its schema declares. */
    private static final List<String> OBJECT_META_FIELDS = List.of("apiVersion", "kind", "metadata");

    private final JsonNode schema;

    public CrdSchemaValidator(JsonNode openApiV3Schema) {
        this.schema = openApiV3Schema;
    }

    /** Every violation in the object, in document order; empty when it is valid. */
    public List<String> validate(JsonNode object) {
        List<String> errors = new ArrayList<>();
        if (!object.isObject()) {
            errors.add("<root>: Invalid value: expected object");
            return errors;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (OBJECT_META_FIELDS.contains(field.getKey())) {
                continue;
            }
            if (!properties.has(field.getKey())) {
                errors.add(field.getKey() + ": Unknown field");
            } else {
                check(field.getKey(), properties.get(field.getKey()), field.getValue(), errors);
            }
        }
        requireFields("", schema, object, errors);
        return errors;
    }

    private void check(String path, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        if (value.isNull()) {
            errors.add(path + ": Invalid value: null: must not be null");
            return;
        }
        if (fieldSchema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": Invalid value: " + render(value) + ": expected integer or string");
            }
            return;
        }
        String type = fieldSchema.path("type").asText("");
        switch (type) {
            case "object" -> checkObject(path, fieldSchema, value, errors);
            case "array" -> checkArray(path, fieldSchema, value, errors);
            case "string" -> checkString(path, fieldSchema, value, errors);
            case "integer" -> checkNumber(path, fieldSchema, value, value.isIntegralNumber(), "integer", errors);
            case "number" -> checkNumber(path, fieldSchema, value, value.isNumber(), "number", errors);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": Invalid value: " + render(value) + ": expected boolean");
                }
            }
            default -> throw new IllegalArgumentException(path + ": schema type '" + type + "' is not supported");
        }
    }

    private void checkObject(String path, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        if (!value.isObject()) {
            errors.add(path + ": Invalid value: " + render(value) + ": expected object");
            return;
        }
        JsonNode properties = fieldSchema.path("properties");
        JsonNode additional = fieldSchema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(fieldPath, properties.get(field.getKey()), field.getValue(), errors);
            } else if (additional != null && additional.isObject()) {
                check(fieldPath, additional, field.getValue(), errors);
            } else if (!fieldSchema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                errors.add(fieldPath + ": Unknown field");
            }
        }
        requireFields(path + ".", fieldSchema, value, errors);
    }

    private static void requireFields(String prefix, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        for (JsonNode required : fieldSchema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(prefix + required.asText() + ": Required value");
            }
        }
    }

    private void checkArray(String path, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        if (!value.isArray()) {
            errors.add(path + ": Invalid value: " + render(value) + ": expected array");
            return;
        }
        if (fieldSchema.has("minItems") && value.size() < fieldSchema.get("minItems").asInt()) {
            errors.add(path + ": Invalid value: " + value.size() + ": should have at least "
                    + fieldSchema.get("minItems").asInt() + " items");
        }
        if (fieldSchema.has("maxItems") && value.size() > fieldSchema.get("maxItems").asInt()) {
            errors.add(path + ": Invalid value: " + value.size() + ": should have at most "
                    + fieldSchema.get("maxItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            check(path + "[" + i + "]", fieldSchema.path("items"), value.get(i), errors);
        }
    }

    private static void checkString(String path, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(path + ": Invalid value: " + render(value) + ": expected string");
            return;
        }
        checkEnum(path, fieldSchema, value, errors);
        if (fieldSchema.has("pattern")
                && !Pattern.compile(fieldSchema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": Invalid value: " + render(value) + ": should match '"
                    + fieldSchema.get("pattern").asText() + "'");
        }
    }

    private static void checkEnum(String path, JsonNode fieldSchema, JsonNode value, List<String> errors) {
        JsonNode allowed = fieldSchema.get("enum");
        if (allowed == null) {
            return;
        }
        boolean found = StreamSupport.stream(allowed.spliterator(), false).anyMatch(value::equals);
        if (!found) {
            String supported = StreamSupport.stream(allowed.spliterator(), false)
                    .map(CrdSchemaValidator::render)
                    .collect(Collectors.joining(", "));
            errors.add(path + ": Unsupported value: " + render(value) + ": supported values: " + supported);
        }
    }

    private static void checkNumber(String path, JsonNode fieldSchema, JsonNode value, boolean rightType,
                                    String typeName, List<String> errors) {
        if (!rightType) {
            errors.add(path + ": Invalid value: " + render(value) + ": expected " + typeName);
            return;
        }
        BigDecimal number = value.decimalValue();
        if (fieldSchema.has("minimum") && number.compareTo(fieldSchema.get("minimum").decimalValue()) < 0) {
            errors.add(path + ": Invalid value: " + render(value) + ": should be greater than or equal to "
                    + plain(fieldSchema.get("minimum")));
        }
        if (fieldSchema.has("maximum") && number.compareTo(fieldSchema.get("maximum").decimalValue()) > 0) {
            errors.add(path + ": Invalid value: " + render(value) + ": should be less than or equal to "
                    + plain(fieldSchema.get("maximum")));
        }
    }

    /** 60.0 in the schema is written 60 in messages, as the API server does. */
    private static String plain(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static String render(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "array" : "object";
        }
        return value.asText();
    }
}

package dev.datamigration.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the human part of a platform error body: LifeTime's {@code Exception {Errors[], StatusCode}}, ODC's RFC 7807
 * {@code ProblemDetails {title, detail, errorCode}} or an OAuth {@code {error, error_description}}. Anything else is
 * cut to its first line. The result is short: it goes into exception messages and conditions.
 */
final class ErrorBodies {

    private static final int MAX_LENGTH = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    static String summary(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) {
                String fromJson = fromJson(node);
                if (!fromJson.isEmpty()) {
                    return cut(fromJson);
                }
            }
        } catch (IOException notJson) {
            // not JSON: fall through to the first line of text
        }
        int newline = text.indexOf('\n');
        return cut(newline < 0 ? text : text.substring(0, newline).strip());
    }

    private static String fromJson(JsonNode node) {
        List<String> parts = new ArrayList<>();
        JsonNode errors = node.get("Errors");
        if (errors != null && errors.isArray()) {
            errors.forEach(e -> parts.add(e.asText()));
        }
        addText(parts, node, "title");
        addText(parts, node, "detail");
        addText(parts, node, "errorCode");
        addText(parts, node, "error");
        addText(parts, node, "error_description");
        return String.join("; ", parts);
    }

    private static void addText(List<String> parts, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.asText().isBlank()) {
            parts.add(value.asText());
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}

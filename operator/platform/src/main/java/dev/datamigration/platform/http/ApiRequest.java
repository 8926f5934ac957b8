package dev.datamigration.platform.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One platform call as the adapters describe it.
 *
 * @param operation   low-cardinality name for metrics and messages ("listEnvironments")
 * @param method      HTTP method
 * @param path        path below the API base URL, keys already filled in; shown in messages
 * @param query       query parameters (values are encoded here; never shown in messages)
 * @param contentType content type of {@code body}, or null without body
 * @param body        request body, or null
 * @param idempotent  false for calls that create something (POST): those are retried only when the request surely
 *                    did not reach the server (connect failure) or was refused unprocessed (429)
 * @param authenticated false for calls that carry no Authorization header (discovery, token endpoint)
 */
public record ApiRequest(String operation, String method, String path, Map<String, String> query, String contentType,
        byte[] body, boolean idempotent, boolean authenticated) {

    public ApiRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : new LinkedHashMap<>(query);
    }

    public static ApiRequest get(String operation, String path) {
        return new ApiRequest(operation, "GET", path, Map.of(), null, null, true, true);
    }

    public static ApiRequest get(String operation, String path, Map<String, String> query) {
        return new ApiRequest(operation, "GET", path, query, null, null, true, true);
    }

    public static ApiRequest json(String operation, String method, String path, byte[] json, boolean idempotent) {
        return new ApiRequest(operation, method, path, Map.of(), "application/json", json, idempotent, true);
    }

    public ApiRequest unauthenticated() {
        return new ApiRequest(operation, method, path, query, contentType, body, idempotent, false);
    }

    /** {@code path?query} with every query value percent-encoded (a '+' in an e-mail becomes %2B). */
    String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** What messages show: method and path, never the query (it may hold e-mail addresses). */
    public String describe() {
        return method + " " + path;
    }

    private static String encode(String value) {
        // URLEncoder does form encoding (space as '+'); a query wants %20, and ',' is kept readable.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }
}

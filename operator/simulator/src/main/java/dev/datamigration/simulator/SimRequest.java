package dev.datamigration.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request as the simulated APIs see it: decoded query parameters (repeated ones kept), body as UTF-8 text. */
record SimRequest(String method, String path, String rawQuery, Map<String, List<String>> query, String body,
        String authorization, String contentType) {

    static SimRequest of(String method, String path, String rawQuery, String body, String authorization,
            String contentType) {
        return new SimRequest(method, path, rawQuery, parseForm(rawQuery), body, authorization, contentType);
    }

    /** A query parameter; repeated ones and comma-separated lists both become one list. */
    List<String> values(String name) {
        List<String> result = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Parses {@code a=1&b=2} (query strings and form bodies); '+' is a space, as in form encoding. */
    static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return result;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }
}

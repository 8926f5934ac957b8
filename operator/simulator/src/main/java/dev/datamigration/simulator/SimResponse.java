package dev.datamigration.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A simulated API's answer: status, optional JSON body, extra headers. */
record SimResponse(int status, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();

    static SimResponse json(int status, JsonNode body) {
        try {
            return new SimResponse(status, JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write simulator response", e);
        }
    }

    static SimResponse empty(int status) {
        return new SimResponse(status, new byte[0], Map.of());
    }

    /** LifeTime's error body: swagger definition {@code Exception {Errors[], StatusCode}}. */
    static SimResponse lifeTimeError(int status, String error) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("Errors").add(error);
        body.put("StatusCode", status);
        return json(status, body);
    }

    /** ODC's error body: RFC 7807 {@code ProblemDetails}. */
    static SimResponse problem(int status, String title, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "https://tools.ietf.org/html/rfc9110#section-15");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putNull("instance");
        body.put("traceId", "00-simulator-00");
        return json(status, body);
    }

    /** An OAuth 2.0 token endpoint error. */
    static SimResponse oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }
}

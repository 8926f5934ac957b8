package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** User and Access Management API v1 under {@value #BASE}: find, read, create and update end users. */
final class OdcUsersApi extends OdcRestApi {

    static final String BASE = "/api/identity/v1";
    private static final Set<String> CREATE_FIELDS = Set.of("name", "email", "isActive", "photoUrl",
            "addToBuiltInIdentityProvider", "identityProviderKey", "subject", "username");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "isActive", "photoUrl");

    private final OdcWorld world;

    OdcUsersApi(OdcWorld world) {
        super(BASE, world);
        this.world = world;
        routes.add("GET", "/users", (r, p) -> list(r))
                .add("POST", "/users", (r, p) -> create(r))
                .add("GET", "/users/([^/]+)", (r, p) -> get(p.get(0)))
                .add("PATCH", "/users/([^/]+)", (r, p) -> patch(r, p.get(0)));
    }

    private SimResponse list(SimRequest request) {
        String contains = request.param("nameOrEmailContains");
        Integer limitParam = intParam(request, "limit", 1, 100);
        Integer offsetParam = intParam(request, "offset", 0, Integer.MAX_VALUE);
        int limit = limitParam == null ? 100 : limitParam;
        int offset = offsetParam == null ? 0 : offsetParam;
        String needle = contains == null ? null : contains.toLowerCase(Locale.ROOT);
        List<OdcWorld.UserState> matching = world.users().stream()
                .filter(u -> needle == null || u.email().toLowerCase(Locale.ROOT).contains(needle)
                        || (u.name() != null && u.name().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
        ObjectNode body = SimResponse.JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        matching.stream().skip(offset).limit(limit).forEach(u -> results.add(user(u)));
        ObjectNode page = body.putObject("page");
        page.put("count", results.size());
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("totalResults", matching.size());
        if (offset + limit < matching.size()) {
            page.put("nextPageOffset", offset + limit);
        } else {
            page.putNull("nextPageOffset");
        }
        page.put("totalPages", (matching.size() + limit - 1) / limit);
        return SimResponse.json(200, body);
    }

    private SimResponse create(SimRequest request) {
        JsonNode body = objectBody(request, CREATE_FIELDS, "UserProfileCreateApiRequest");
        String email = body.path("email").asText(null);
        if (email == null || !email.contains("@")) {
            throw new BadRequest("email is required and must be an e-mail address");
        }
        String name = body.path("name").asText(null);
        boolean active = !body.has("isActive") || body.get("isActive").asBoolean(true);
        OdcWorld.UserState user = world.createUser(email, name, active, body.path("photoUrl").asText(null));
        ObjectNode created = SimResponse.JSON.createObjectNode();
        created.put("key", user.key());
        return SimResponse.json(201, created);
    }

    private SimResponse get(String key) {
        return world.user(key).map(u -> SimResponse.json(200, user(u)))
                .orElseGet(() -> SimResponse.problem(404, "Not Found", "User " + key + " was not found."));
    }

    private SimResponse patch(SimRequest request, String key) {
        var found = world.user(key);
        if (found.isEmpty()) {
            return SimResponse.problem(404, "Not Found", "User " + key + " was not found.");
        }
        JsonNode body = objectBody(request, PATCH_FIELDS, "UserProfilePatchRequest");
        OdcWorld.UserState old = found.get();
        world.updateUser(new OdcWorld.UserState(key, old.email(),
                body.has("name") && !body.get("name").isNull() ? body.get("name").asText() : old.name(),
                body.has("isActive") && !body.get("isActive").isNull() ? body.get("isActive").asBoolean()
                        : old.isActive(),
                body.has("photoUrl") && !body.get("photoUrl").isNull() ? body.get("photoUrl").asText() : null));
        return SimResponse.empty(204);
    }

    private static JsonNode objectBody(SimRequest request, Set<String> allowed, String schema) {
        JsonNode body;
        try {
            body = SimResponse.JSON.readTree(request.body());
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("the body must be a " + schema + " object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new BadRequest("unknown field '" + field + "' in " + schema);
            }
        }
        return body;
    }

    private static ObjectNode user(OdcWorld.UserState u) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("key", u.key());
        node.put("name", u.name());
        node.put("email", u.email());
        node.put("status", u.isActive() ? "Active" : "Inactive");
        ObjectNode access = node.putObject("access");
        access.put("hasOrganizationRoles", false);
        access.put("hasApplicationRoles", false);
        node.putNull("lastLoginAt");
        node.put("isActive", u.isActive());
        if (u.photoUrl() == null) {
            node.putNull("photoUrl");
        } else {
            node.put("photoUrl", u.photoUrl());
        }
        node.put("isEmailVerified", true);
        node.put("isTermsAndConditionsAccepted", true);
        return node;
    }
}

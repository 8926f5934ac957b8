package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * User and Access Management API v1 under {@value #BASE}: find, read, create (one, or in bulk with a polled
 * operation) and update end users.
 */
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
                .add("POST", "/users/bulk", (r, p) -> bulkCreate(r))
                .add("GET", "/users/bulk/([^/]+)", (r, p) -> bulkStatus(p.get(0)))
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

    /** {@code POST /users/bulk}: 1 to 100 {@code UserProfileCreateApiRequest} records, answered 202. */
    private SimResponse bulkCreate(SimRequest request) {
        JsonNode body = objectBody(request, Set.of("records"), "UserProfileCreateApiRequestBulkApiRequest");
        JsonNode records = body.get("records");
        if (records == null || !records.isArray() || records.isEmpty() || records.size() > 100) {
            throw new BadRequest("records must hold between 1 and 100 users");
        }
        List<OdcWorld.NewUser> users = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw new BadRequest("every record must be a UserProfileCreateApiRequest object");
            }
            for (Iterator<String> it = record.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!CREATE_FIELDS.contains(field)) {
                    throw new BadRequest("unknown field '" + field + "' in UserProfileCreateApiRequest");
                }
            }
            users.add(new OdcWorld.NewUser(record.path("email").asText(null), record.path("name").asText(null),
                    !record.has("isActive") || record.get("isActive").asBoolean(true),
                    record.path("photoUrl").asText(null)));
        }
        return SimResponse.json(202, bulk(world.startBulkCreate(users)));
    }

    /** {@code GET /users/bulk/{key}}: the overall status; each record's outcome once finished. */
    private SimResponse bulkStatus(String key) {
        return world.pollBulkCreate(key).map(b -> SimResponse.json(200, bulk(b)))
                .orElseGet(() -> SimResponse.problem(404, "Not Found", "Bulk operation " + key + " was not found."));
    }

    private static ObjectNode bulk(OdcWorld.BulkCreate bulk) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("key", bulk.key);
        node.put("status", bulk.status);
        node.putNull("errorCode");
        node.putNull("errorMessage");
        ArrayNode operations = node.putArray("operations");
        for (OdcWorld.BulkResult result : bulk.results) {
            ObjectNode op = operations.addObject();
            op.put("status", result.status());
            op.put("errorCode", result.errorCode());
            op.put("errorMessage", result.errorMessage());
            ObjectNode record = op.putObject("record");
            record.put("key", result.key());
            record.put("email", result.email());
            record.putNull("username");
            record.putNull("subject");
        }
        return node;
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

package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Deployments API v1 under {@value #BASE}: start a Deploy/Undeploy operation, list operations, read one (each read
 * is a poll that moves it towards its end) and its messages.
 */
final class OdcDeploymentsApi extends OdcRestApi {

    static final String BASE = "/api/deployments/v1";
    private static final Set<String> REQUEST_FIELDS = Set.of("operation", "assetKey", "buildKey", "revision",
            "environmentKey");
    private static final Set<String> OPERATIONS = Set.of("Deploy", "Undeploy", "ApplyConfigs");

    private final OdcWorld world;

    OdcDeploymentsApi(OdcWorld world) {
        super(BASE, world);
        this.world = world;
        routes.add("POST", "/deployment-operations", (r, p) -> start(r))
                .add("GET", "/deployment-operations", (r, p) -> list(r))
                .add("GET", "/deployment-operations/([^/]+)", (r, p) -> poll(p.get(0)))
                .add("GET", "/deployment-operations/([^/]+)/messages", (r, p) -> messages(p.get(0)));
    }

    private SimResponse start(SimRequest request) {
        JsonNode body;
        try {
            body = SimResponse.JSON.readTree(request.body());
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("the body must be a DeploymentOperationRequest object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!REQUEST_FIELDS.contains(field)) {
                throw new BadRequest("unknown field '" + field + "' (DeploymentOperationRequest allows no additional"
                        + " properties)");
            }
        }
        String operation = text(body, "operation");
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw new BadRequest("operation must be one of Deploy, Undeploy, ApplyConfigs");
        }
        String environmentKey = text(body, "environmentKey");
        String assetKey = text(body, "assetKey");
        String buildKey = text(body, "buildKey");
        Integer revision = body.path("revision").isInt() ? body.get("revision").asInt() : null;
        if (environmentKey == null) {
            throw new BadRequest("environmentKey is mandatory");
        }
        if (assetKey == null) {
            throw new BadRequest("assetKey is mandatory");
        }
        if ("Deploy".equals(operation) && (buildKey == null || revision == null)) {
            throw new BadRequest("buildKey and revision are mandatory for Deploy");
        }
        if (world.stage(environmentKey).isEmpty()) {
            return SimResponse.problem(404, "Not Found", "Stage " + environmentKey + " was not found.");
        }
        if (world.asset(assetKey).isEmpty()) {
            return SimResponse.problem(404, "Not Found", "Asset " + assetKey + " was not found.");
        }
        if ("Deploy".equals(operation) && !world.knowsBuild(assetKey, buildKey, revision)) {
            return SimResponse.problem(404, "Not Found", "Build " + buildKey + " (revision " + revision
                    + ") was not found for asset " + assetKey + ".");
        }
        if ("Undeploy".equals(operation) && !world.deployments(assetKey).containsKey(environmentKey)) {
            throw new BadRequest("asset " + assetKey + " is not deployed in stage " + environmentKey);
        }
        OdcWorld.OperationState op = world.startOperation(operation, assetKey, environmentKey, buildKey, revision);
        return SimResponse.json(201, operation(op));
    }

    private SimResponse list(SimRequest request) {
        List<String> environmentKeys = request.values("environmentKey");
        List<String> assetKeys = request.values("assetKey");
        List<String> statuses = request.values("status");
        List<String> operations = request.values("operations");
        Integer limitParam = intParam(request, "limit", 1, 100);
        Integer offsetParam = intParam(request, "offset", 0, Integer.MAX_VALUE);
        int limit = limitParam == null ? 100 : limitParam;
        int offset = offsetParam == null ? 0 : offsetParam;
        List<OdcWorld.OperationState> matching = world.operations().stream()
                .filter(op -> environmentKeys.isEmpty() || environmentKeys.contains(op.stageKey))
                .filter(op -> assetKeys.isEmpty() || assetKeys.contains(op.assetKey))
                .filter(op -> statuses.isEmpty() || statuses.contains(op.status))
                .filter(op -> operations.isEmpty() || operations.contains(op.operation))
                .toList();
        ObjectNode body = SimResponse.JSON.createObjectNode();
        ObjectNode page = body.putObject("page");
        ArrayNode results = body.putArray("results");
        // newest first (default sort -CreatedAt)
        for (int i = matching.size() - 1 - offset, n = 0; i >= 0 && n < limit; i--, n++) {
            results.add(operation(matching.get(i)));
        }
        page.put("count", results.size());
        page.put("limit", limit);
        page.put("offset", offset);
        if (offset + limit < matching.size()) {
            page.put("nextPageOffset", offset + limit);
        } else {
            page.putNull("nextPageOffset");
        }
        return SimResponse.json(200, body);
    }

    private SimResponse poll(String key) {
        return world.pollOperation(key)
                .map(op -> SimResponse.json(200, operation(op)))
                .orElseGet(() -> SimResponse.problem(404, "Not Found", "Deployment operation " + key
                        + " was not found."));
    }

    private SimResponse messages(String key) {
        var found = world.operation(key);
        if (found.isEmpty()) {
            return SimResponse.problem(404, "Not Found", "Deployment operation " + key + " was not found.");
        }
        OdcWorld.OperationState op = found.get();
        ObjectNode body = SimResponse.JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        addMessage(results, op, op.startedAt.toString(), "Info", op.operation + " started");
        if (op.finishedAt != null) {
            addMessage(results, op, op.finishedAt.toString(), op.error == null ? "Info" : "Error",
                    op.error == null ? op.operation + " finished" : op.error);
        }
        ObjectNode page = body.putObject("page");
        page.put("count", results.size());
        page.put("limit", 100);
        page.putNull("offset");
        page.putNull("nextPageOffset");
        return SimResponse.json(200, body);
    }

    private static void addMessage(ArrayNode results, OdcWorld.OperationState op, String timestamp, String severity,
            String message) {
        ObjectNode node = results.addObject();
        node.put("timestamp", timestamp);
        node.put("type", "DeploymentStep");
        node.put("severity", severity);
        node.put("message", message);
        ObjectNode info = node.putObject("additionalInfo");
        info.put("stepId", op.operation);
        info.put("assetKey", op.assetKey);
    }

    private ObjectNode operation(OdcWorld.OperationState op) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("key", op.key);
        node.put("status", op.status);
        node.put("startedDateTime", op.startedAt.toString());
        if (op.finishedAt == null) {
            node.putNull("finishedDateTime");
        } else {
            node.put("finishedDateTime", op.finishedAt.toString());
        }
        node.put("deployedBy", "simulator");
        node.put("assetKey", op.assetKey);
        ArrayNode revisions = node.putArray("revisions");
        if (op.revision != null) {
            revisions.add(op.revision);
        }
        if (op.buildKey == null) {
            node.putNull("buildKey");
        } else {
            node.put("buildKey", op.buildKey);
        }
        node.put("assetName", world.asset(op.assetKey).map(SimulatorState.Asset::name).orElse(null));
        node.put("operation", op.operation);
        node.put("portfolioKey", OdcPortfolioApi.PORTFOLIO_KEY);
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

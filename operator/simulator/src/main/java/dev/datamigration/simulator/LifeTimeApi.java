package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * LifeTime API v2 under {@value #BASE}: the calls the LifeTime adapter makes, with the swagger's paths (trailing
 * slashes included), field names and status codes. Every call needs {@code Authorization: Bearer <token>} with a
 * token from the state file; otherwise 401.
 */
final class LifeTimeApi implements SimulatedApi {

    static final String BASE = "/lifetimeapi/rest/v2";

    private final LifeTimeWorld world;
    private final Routes routes = new Routes();

    LifeTimeApi(LifeTimeWorld world) {
        this.world = world;
        routes.add("GET", "/environments/", (r, p) -> listEnvironments())
                .add("GET", "/environments/([^/]+)/", (r, p) -> getEnvironment(p.get(0)))
                .add("GET", "/environments/([^/]+)/applications/", (r, p) -> runningApps(r, p.get(0)))
                .add("PUT", "/environments/([^/]+)/maintenancemode", (r, p) -> setMaintenanceMode(r, p.get(0)));
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(BASE + "/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String auth = request.authorization();
        if (auth == null || !auth.startsWith("Bearer ") || !world.validToken(auth.substring("Bearer ".length()))) {
            return SimResponse.lifeTimeError(401, "Invalid or missing service account token.");
        }
        Routes.Result result = routes.dispatch(request, request.path().substring(BASE.length()));
        return result.response().orElseGet(() -> result.miss() == Routes.Miss.WRONG_METHOD
                ? SimResponse.lifeTimeError(405, "Method " + request.method() + " is not allowed on "
                        + request.path() + ".")
                : SimResponse.lifeTimeError(404, "No LifeTime API v2 resource at " + request.path() + "."));
    }

    private SimResponse listEnvironments() {
        if (world.environments().isEmpty()) {
            return SimResponse.empty(204);
        }
        ArrayNode body = SimResponse.JSON.createArrayNode();
        world.environments().forEach(e -> body.add(environment(e)));
        return SimResponse.json(200, body);
    }

    private SimResponse getEnvironment(String key) {
        return world.environment(key)
                .map(e -> SimResponse.json(200, environment(e)))
                .orElseGet(() -> SimResponse.lifeTimeError(404,
                        "Failed to retrieve the environment with key: " + key + "."));
    }

    private SimResponse runningApps(SimRequest request, String key) {
        var environment = world.environment(key);
        if (environment.isEmpty()) {
            return SimResponse.lifeTimeError(404, "Failed to retrieve running applications for environment with key "
                    + key + " because it was not found.");
        }
        boolean envStatus = "true".equalsIgnoreCase(request.param("IncludeEnvStatus"));
        boolean modules = "true".equalsIgnoreCase(request.param("IncludeModules"));
        if (modules && !envStatus) {
            return SimResponse.lifeTimeError(400, "Failed to retrieve applications published in environment because"
                    + " IncludeModules and IncludeEnvStatus parameters were incorrect.");
        }
        List<SimulatorState.Application> running = environment.get().applications().stream()
                .filter(SimulatorState.Application::deployed)
                .toList();
        if (running.isEmpty()) {
            return SimResponse.empty(204);
        }
        ArrayNode body = SimResponse.JSON.createArrayNode();
        for (SimulatorState.Application app : running) {
            ObjectNode node = body.addObject();
            node.put("Key", app.key());
            node.put("Name", app.name());
            node.put("Kind", "WebResponsive");
            node.put("Team", "");
            node.put("Description", "");
            node.put("URLPath", app.name());
            node.put("IconHash", "");
            node.put("IconURL", "");
            node.put("DetailsURL", "");
            node.put("IsSystem", app.isSystem());
            if (envStatus) {
                ArrayNode statuses = node.putArray("AppStatusInEnvs");
                for (Map.Entry<SimulatorState.Environment, SimulatorState.Application> where
                        : world.runningEverywhere(app.key())) {
                    statuses.add(appStatus(where.getKey(), where.getValue(), modules));
                }
            }
        }
        return SimResponse.json(200, body);
    }

    private SimResponse setMaintenanceMode(SimRequest request, String key) {
        if (world.environment(key).isEmpty()) {
            return SimResponse.lifeTimeError(404, "Environment not found.");
        }
        if (request.contentType() == null || !request.contentType().startsWith("application/json")) {
            return SimResponse.lifeTimeError(400, "Failed to update the maintenance mode status due to a bad request:"
                    + " Content-Type must be application/json.");
        }
        JsonNode body;
        try {
            body = SimResponse.JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("IsMaintenanceModeEnabled").isBoolean()) {
            return SimResponse.lifeTimeError(400, "Failed to update the maintenance mode status due to a bad request:"
                    + " IsMaintenanceModeEnabled (boolean) is required.");
        }
        world.setMaintenanceMode(key, body.get("IsMaintenanceModeEnabled").asBoolean());
        return SimResponse.empty(200);
    }

    private static ObjectNode environment(SimulatorState.Environment e) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("Key", e.key());
        node.put("Name", e.name());
        node.put("OSVersion", "11.38.0.0");
        node.put("Order", 0);
        node.put("DetailsURL", "");
        node.put("HostName", e.name().toLowerCase(java.util.Locale.ROOT) + ".example.com");
        node.put("UseHTTPS", true);
        node.put("EnvironmentType", e.environmentType());
        node.put("NumberOfFrontEnds", 1);
        node.put("ApplicationServerType", ".NET");
        node.put("ApplicationServer", "IIS");
        node.put("DatabaseProvider", e.databaseProvider());
        node.put("IsCloudEnvironment", false);
        return node;
    }

    private static ObjectNode appStatus(SimulatorState.Environment e, SimulatorState.Application app,
            boolean modules) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("EnvironmentKey", e.key());
        node.put("BaseApplicationVersionKey", app.versionKey());
        node.put("BaseApplicationVersionLabel", app.versionLabel());
        node.put("IsModified", app.isModified());
        node.put("IsModifiedReason", app.isModified() ? "Module_Modified" : "");
        node.put("IsModifiedMessage", app.isModified()
                ? "At least one module was modified since the version " + app.versionLabel() : "");
        node.put("ConsistencyStatus", app.consistencyStatus());
        node.put("ConsistencyStatusMessages", "");
        node.putArray("MobileAppsStatus");
        ArrayNode moduleStatuses = node.putArray("ModuleStatusInEnvs");
        if (modules) {
            ObjectNode module = moduleStatuses.addObject();
            module.put("ApplicationKey", app.key());
            module.put("EnvironmentKey", e.key());
            module.put("ModuleVersionKey", SimulatorState.stableKey("lifetime-module-version",
                    app.name() + "@" + e.name()));
            module.put("ConsistencyStatus", "");
            module.put("ConsistencyStatusMessages", "");
        }
        node.put("DeploymentZoneKey", SimulatorState.stableKey("lifetime-deployment-zone", e.name()));
        return node;
    }
}

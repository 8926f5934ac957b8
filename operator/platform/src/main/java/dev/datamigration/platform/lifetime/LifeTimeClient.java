package dev.datamigration.platform.lifetime;

import com.fasterxml.jackson.databind.JavaType;
import dev.datamigration.platform.PlatformClient;
import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.http.ApiRequest;
import dev.datamigration.platform.http.ApiResponse;
import dev.datamigration.platform.http.CallObserver;
import dev.datamigration.platform.http.HttpSettings;
import dev.datamigration.platform.http.Json;
import dev.datamigration.platform.http.PlatformHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link PlatformClient} for OutSystems 11 through the LifeTime API v2, authenticated with a service-account token.
 *
 * <p>LifeTime has no call to stop an environment, read its maintenance state, or undeploy one application. Stopping
 * the source and "undeploying" target apps both put the environment into maintenance mode
 * ({@code PUT /environments/{key}/maintenancemode}); redeploying takes it out. These calls finish when LifeTime
 * answers, so the returned operations are already {@link OperationState#Succeeded}.
 */
public final class LifeTimeClient implements PlatformClient {

    static final String MAINTENANCE_ON = "maintenance-mode-on:";
    static final String MAINTENANCE_OFF = "maintenance-mode-off:";

    private static final JavaType ENVIRONMENTS = Json.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, LifeTimeModel.Environment.class);
    private static final JavaType APPLICATIONS = Json.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, LifeTimeModel.Application.class);

    private final PlatformHttp http;

    /**
     * @param apiUrl    the API base, e.g. {@code https://lt.example.com/lifetimeapi/rest/v2}
     * @param token     the service-account token
     * @param tokenHint where the token comes from, for messages (never the token)
     */
    public LifeTimeClient(String apiUrl, String token, String tokenHint, HttpSettings settings,
            CallObserver observer) {
        this.http = new PlatformHttp("LifeTime", "lifetime", apiUrl, new StaticBearerToken(token, tokenHint),
                settings, observer);
    }

    /** {@code GET /environments/}, matched on {@code Name} (exact; LifeTime does not say whether names ignore case). */
    @Override
    public Environment environment(String name) {
        List<LifeTimeModel.Environment> all = listEnvironments();
        List<LifeTimeModel.Environment> matches = all.stream().filter(e -> name.equals(e.name())).toList();
        if (matches.size() > 1) {
            throw new PlatformException("LifeTime has " + matches.size() + " environments named '" + name
                    + "'; environment names must be unique", 0, false);
        }
        if (matches.isEmpty()) {
            String known = all.stream().map(LifeTimeModel.Environment::name).sorted()
                    .collect(Collectors.joining(", "));
            throw new PlatformException("LifeTime has no environment named '" + name + "' (known: "
                    + (known.isEmpty() ? "none" : known) + ")", 404, false);
        }
        LifeTimeModel.Environment found = matches.get(0);
        // LifeTime exposes no maintenance-mode state, so a stopped environment cannot be recognised here.
        return new Environment(found.key(), found.name(), false);
    }

    /**
     * {@code GET /environments/{key}/applications/?IncludeEnvStatus=true}: the applications running in the
     * environment. An app counts as published and deployed when it has an {@code AppStatusInEnvs} entry for this
     * environment; LifeTime has no separate published/enabled flag. System apps (Service Center, LifeTime...) are
     * left out.
     */
    @Override
    public List<AppDeployment> applications(Environment environment) {
        ApiRequest request = ApiRequest.get("listApplications",
                "/environments/" + environment.key() + "/applications/", Map.of("IncludeEnvStatus", "true"));
        ApiResponse response;
        try {
            response = http.send(request);
        } catch (PlatformException e) {
            throw e.isNotFound() ? unknownEnvironment(environment, e) : e;
        }
        if (!response.hasBody()) {
            return List.of(); // 204: no applications in the environment
        }
        List<LifeTimeModel.Application> apps = Json.read(response, APPLICATIONS, "LifeTime " + request.describe());
        List<AppDeployment> result = new ArrayList<>();
        for (LifeTimeModel.Application app : apps) {
            if (app.isSystem()) {
                continue;
            }
            boolean running = app.statuses().stream().anyMatch(s -> environment.key().equals(s.environmentKey()));
            result.add(new AppDeployment(app.key(), app.name(), running, running, null, null));
        }
        return List.copyOf(result);
    }

    /** Maintenance mode on. LifeTime refuses deployments into an environment in maintenance mode. */
    @Override
    public Operation stopEnvironment(Environment environment, String reason) {
        return setMaintenanceMode(environment, true, reason);
    }

    /** LifeTime cannot undeploy one app: the whole environment goes into maintenance mode (idempotent). */
    @Override
    public Operation undeploy(Environment environment, AppDeployment app, String reason) {
        return setMaintenanceMode(environment, true, reason);
    }

    /** Takes the environment out of maintenance mode (idempotent; the first app's redeploy does it for all). */
    @Override
    public Operation redeploy(Environment environment, AppDeployment app, String reason) {
        return setMaintenanceMode(environment, false, reason);
    }

    /** Maintenance-mode operations finished when LifeTime answered; their keys are recognised for this environment. */
    @Override
    public Operation operation(Environment environment, String operationKey) {
        if (operationKey.equals(MAINTENANCE_ON + environment.key())) {
            return new Operation(operationKey, OperationState.Succeeded, maintenanceMessage(environment, true));
        }
        if (operationKey.equals(MAINTENANCE_OFF + environment.key())) {
            return new Operation(operationKey, OperationState.Succeeded, maintenanceMessage(environment, false));
        }
        throw new PlatformException("LifeTime has no operation '" + operationKey + "' for environment '"
                + environment.name() + "'", 404, false);
    }

    private Operation setMaintenanceMode(Environment environment, boolean enabled, String reason) {
        ApiRequest request = ApiRequest.json("setMaintenanceMode", "PUT",
                "/environments/" + environment.key() + "/maintenancemode",
                Json.write(new LifeTimeModel.MaintenanceModeSetting(enabled, reason == null ? "" : reason)), true);
        try {
            http.send(request);
        } catch (PlatformException e) {
            throw e.isNotFound() ? unknownEnvironment(environment, e) : e;
        }
        String key = (enabled ? MAINTENANCE_ON : MAINTENANCE_OFF) + environment.key();
        return new Operation(key, OperationState.Succeeded, maintenanceMessage(environment, enabled));
    }

    private List<LifeTimeModel.Environment> listEnvironments() {
        ApiRequest request = ApiRequest.get("listEnvironments", "/environments/");
        ApiResponse response = http.send(request);
        if (!response.hasBody()) {
            return List.of(); // 204: no environments
        }
        return Json.read(response, ENVIRONMENTS, "LifeTime " + request.describe());
    }

    private static String maintenanceMessage(Environment environment, boolean enabled) {
        return "LifeTime environment '" + environment.name() + "' maintenance mode "
                + (enabled ? "enabled" : "disabled");
    }

    private static PlatformException unknownEnvironment(Environment environment, PlatformException cause) {
        return new PlatformException("LifeTime does not know environment '" + environment.name() + "' (key "
                + environment.key() + "): " + cause.getMessage(), 404, false, cause);
    }
}

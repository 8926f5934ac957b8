package dev.datamigration.devtools.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the simulator's call log as the steps the operator took on the platform: every call that is not a GET, in
 * order, with LifeTime environment keys replaced by names and identical calls in a row merged.
 */
final class PlatformSteps {

    private static final String LIFETIME_BASE = "/lifetimeapi/rest/v2";
    private static final Pattern MAINTENANCE = Pattern.compile("/environments/([^/]+)/maintenancemode");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environmentNames;
    private final String source;
    private final String target;

    /**
     * @param state  the simulator's state (environment keys and names)
     * @param source the migration's source environment name
     * @param target the migration's target environment name
     */
    PlatformSteps(SimulatorState state, String source, String target) {
        this.environmentNames = state.lifetime().environments().stream()
                .collect(Collectors.toMap(SimulatorState.Environment::key, SimulatorState.Environment::name));
        this.source = source;
        this.target = target;
    }

    List<PlatformStep> of(List<RecordedCall> calls) {
        List<PlatformStep> steps = new ArrayList<>();
        for (RecordedCall call : calls) {
            if (call.method().equals("GET")) {
                continue;
            }
            PlatformStep.append(steps, describe(call));
        }
        return steps;
    }

    /** Calls that only read (GET), not listed as steps. */
    static long reads(List<RecordedCall> calls) {
        return calls.stream().filter(c -> c.method().equals("GET")).count();
    }

    private PlatformStep describe(RecordedCall call) {
        String path = call.path().startsWith(LIFETIME_BASE) ? call.path().substring(LIFETIME_BASE.length())
                : call.path();
        Matcher maintenance = MAINTENANCE.matcher(path);
        if (maintenance.matches()) {
            String environment = environmentNames.getOrDefault(maintenance.group(1), maintenance.group(1));
            Boolean enabled = maintenanceFlag(call.body());
            String change = enabled == null ? "?" : enabled ? "on" : "off";
            String named = "/environments/" + environment + "/maintenancemode";
            return new PlatformStep(call.method(), named, change, meaning(environment, enabled), 1);
        }
        return new PlatformStep(call.method(), path, "", "", 1);
    }

    private String meaning(String environment, Boolean enabled) {
        if (enabled == null) {
            return "";
        }
        if (environment.equals(source) && !environment.equals(target)) {
            return enabled ? "stop " + environment : "start " + environment;
        }
        if (environment.equals(target)) {
            // O11 has no per-app undeploy: maintenance mode takes the target's apps offline and back
            return enabled ? "undeploy: take " + environment + "'s apps offline"
                    : "redeploy: bring " + environment + "'s apps back";
        }
        return "maintenance mode " + (enabled ? "on" : "off") + " for " + environment;
    }

    private static Boolean maintenanceFlag(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode flag = JSON.readTree(body).path("IsMaintenanceModeEnabled");
            return flag.isBoolean() ? flag.asBoolean() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

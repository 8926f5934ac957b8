package dev.datamigration.devtools.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datamigration.simulator.RecordedCall;
import dev.datamigration.simulator.SimulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link PlatformSteps} for a run whose target is ODC: the LifeTime calls read as there, the ODC calls in words (an
 * undeploy or redeploy of an ODC app, a bulk creation of end users) with asset keys replaced by names; identical calls
 * in a row merged; OAuth token requests left out like reads.
 */
final class OdcPlatformSteps {

    private static final String TOKEN = "/identity/connect/token";
    private static final String DEPLOYMENTS = "/api/deployments/v1/deployment-operations";
    private static final String BULK_USERS = "/api/identity/v1/users/bulk";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlatformSteps lifeTime;
    private final Map<String, String> assetNames;

    OdcPlatformSteps(SimulatorState state) {
        this.lifeTime = new PlatformSteps(state, "Production", null);
        this.assetNames = state.odc().assets().stream()
                .collect(Collectors.toMap(SimulatorState.Asset::key, SimulatorState.Asset::name));
    }

    List<PlatformStep> of(List<RecordedCall> calls) {
        List<PlatformStep> steps = new ArrayList<>();
        for (RecordedCall call : calls) {
            if (call.method().equals("GET") || call.path().equals(TOKEN)) {
                continue;
            }
            PlatformStep.append(steps, describe(call));
        }
        return steps;
    }

    /**
     * Calls that change nothing on the platform, not listed as steps: reads (GET) and OAuth token requests (the
     * operator and every Job ask for a token of their own).
     */
    static long unlisted(List<RecordedCall> calls) {
        return calls.stream().filter(c -> c.method().equals("GET") || c.path().equals(TOKEN)).count();
    }

    private PlatformStep describe(RecordedCall call) {
        JsonNode body = body(call.body());
        if (call.path().equals(DEPLOYMENTS)) {
            String operation = body.path("operation").asText("?");
            String asset = assetNames.getOrDefault(body.path("assetKey").asText(""), "?");
            String what = switch (operation) {
                case "Undeploy" -> "undeploy " + asset;
                case "Deploy" -> "redeploy " + asset + " revision " + body.path("revision").asText("?");
                default -> operation + " " + asset;
            };
            return new PlatformStep(call.method(), call.path(), operation + " " + asset, what, 1);
        }
        if (call.path().equals(BULK_USERS)) {
            int records = body.path("records").size();
            return new PlatformStep(call.method(), call.path(), records + " users", "create end users", 1);
        }
        return lifeTime.of(List.of(call)).get(0);
    }

    private static JsonNode body(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}

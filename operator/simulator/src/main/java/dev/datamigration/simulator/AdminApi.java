package dev.datamigration.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator's own endpoints under {@value #BASE} (not recorded, no auth, no faults): {@code GET/DELETE calls}
 * reads or clears the call log, {@code GET/POST/DELETE faults} lists, adds (a {@link FaultRule} as JSON) or clears
 * faults.
 */
final class AdminApi implements SimulatedApi {

    static final String BASE = "/__simulator";

    private final CallLog calls;
    private final Faults faults;
    private final Routes routes = new Routes();

    AdminApi(CallLog calls, Faults faults) {
        this.calls = calls;
        this.faults = faults;
        routes.add("GET", "/calls", (r, p) -> calls())
                .add("DELETE", "/calls", (r, p) -> {
                    calls.clear();
                    return SimResponse.empty(204);
                })
                .add("GET", "/faults", (r, p) -> faults())
                .add("POST", "/faults", (r, p) -> addFault(r))
                .add("DELETE", "/faults", (r, p) -> {
                    faults.clear();
                    return SimResponse.empty(204);
                });
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(BASE + "/");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        Routes.Result result = routes.dispatch(request, request.path().substring(BASE.length()));
        return result.response().orElseGet(() -> error(result.miss() == Routes.Miss.WRONG_METHOD ? 405 : 404,
                "no simulator endpoint " + request.method() + " " + request.path()));
    }

    private SimResponse calls() {
        ArrayNode body = SimResponse.JSON.createArrayNode();
        for (RecordedCall call : calls.all()) {
            ObjectNode node = body.addObject();
            node.put("at", call.at().toString());
            node.put("method", call.method());
            node.put("path", call.path());
            node.put("query", call.query());
            node.put("body", call.body());
            node.put("authorization", call.authorization());
            node.put("status", call.status());
            node.put("fault", call.fault());
        }
        return SimResponse.json(200, body);
    }

    private SimResponse faults() {
        return SimResponse.json(200, SimResponse.JSON.valueToTree(faults.list()));
    }

    private SimResponse addFault(SimRequest request) {
        FaultRule rule;
        try {
            rule = SimResponse.JSON.readValue(request.body(), FaultRule.class);
        } catch (JsonProcessingException e) {
            return error(400, "not a fault rule: " + e.getOriginalMessage());
        }
        faults.add(rule);
        return SimResponse.json(201, SimResponse.JSON.valueToTree(rule));
    }

    private static SimResponse error(int status, String message) {
        ObjectNode body = SimResponse.JSON.createObjectNode();
        body.put("error", message);
        return SimResponse.json(status, body);
    }
}

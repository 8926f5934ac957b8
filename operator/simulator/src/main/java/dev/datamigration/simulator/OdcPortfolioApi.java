package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Portfolio API v2 under {@value #BASE}: {@code GET /environments} and {@code GET /deployed-assets}. */
final class OdcPortfolioApi extends OdcRestApi {

    static final String BASE = "/api/portfolios/v2";
    static final String PORTFOLIO_KEY = SimulatorState.stableKey("odc-portfolio", "default");
    private static final Set<String> ASSET_TYPES = Set.of("WebApplication", "MobileApplication", "Workflow", "Agent");

    private final OdcWorld world;

    OdcPortfolioApi(OdcWorld world) {
        super(BASE, world);
        this.world = world;
        routes.add("GET", "/environments", (r, p) -> environments(r))
                .add("GET", "/deployed-assets", (r, p) -> deployedAssets(r));
    }

    private SimResponse environments(SimRequest request) {
        String portfolio = request.param("portfolioKey");
        ObjectNode body = SimResponse.JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        if (portfolio == null || portfolio.equals(PORTFOLIO_KEY)) {
            int order = 0;
            for (SimulatorState.Stage stage : world.stages()) {
                ObjectNode node = results.addObject();
                String host = stage.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".example.outsystems.app";
                node.put("key", stage.key());
                node.put("name", stage.name());
                node.put("builtinDomain", host);
                node.put("defaultDomain", host);
                node.put("purpose", stage.purpose());
                node.put("order", stage.order() == null ? order : stage.order());
                node.put("region", "eu-central-1");
                node.put("hosting", "oscloud");
                node.put("status", stage.status());
                node.put("portfolioKey", PORTFOLIO_KEY);
                order++;
            }
        }
        return SimResponse.json(200, body);
    }

    private SimResponse deployedAssets(SimRequest request) {
        List<String> environmentKeys = request.values("environmentKey");
        List<String> keys = request.values("key");
        List<String> types = request.values("type");
        for (String type : types) {
            if (!ASSET_TYPES.contains(type)) {
                throw new BadRequest("unknown asset type '" + type + "'");
            }
        }
        String nameContains = request.param("nameContains");
        Integer limitParam = intParam(request, "limit", 1, 100);
        Integer offsetParam = intParam(request, "offset", 0, Integer.MAX_VALUE);
        int limit = limitParam == null ? 100 : limitParam;
        int offset = offsetParam == null ? 0 : offsetParam;

        List<ObjectNode> matching = new ArrayList<>();
        for (SimulatorState.Asset asset : world.assets()) {
            Map<String, OdcWorld.Deployed> where = world.deployments(asset.key());
            boolean inStage = environmentKeys.isEmpty() ? !where.isEmpty()
                    : environmentKeys.stream().anyMatch(where::containsKey);
            boolean nameMatches = nameContains == null
                    || asset.name().toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT));
            if (inStage && nameMatches && (keys.isEmpty() || keys.contains(asset.key()))
                    && (types.isEmpty() || types.contains(asset.type()))) {
                matching.add(asset(asset, where));
            }
        }
        ObjectNode body = SimResponse.JSON.createObjectNode();
        ObjectNode page = body.putObject("page");
        ArrayNode results = body.putArray("results");
        matching.stream().skip(offset).limit(limit).forEach(results::add);
        page.put("count", results.size());
        page.put("limit", limit);
        page.put("offset", offset);
        if (offset + limit < matching.size()) {
            page.put("nextPageOffset", offset + limit);
        } else {
            page.putNull("nextPageOffset");
        }
        page.put("totalResults", matching.size());
        page.put("totalPages", (matching.size() + limit - 1) / limit);
        return SimResponse.json(200, body);
    }

    private ObjectNode asset(SimulatorState.Asset asset, Map<String, OdcWorld.Deployed> where) {
        ObjectNode node = SimResponse.JSON.createObjectNode();
        node.put("type", asset.type());
        node.put("key", asset.key());
        node.put("isBuiltIn", asset.isBuiltIn());
        ArrayNode deployments = node.putArray("deployments");
        // newest first, as the API documents
        where.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, OdcWorld.Deployed> e) -> e.getValue().at())
                        .reversed())
                .forEach(e -> {
                    OdcWorld.Deployed d = e.getValue();
                    ObjectNode entry = deployments.addObject();
                    entry.put("environmentKey", e.getKey());
                    entry.put("name", asset.name());
                    entry.put("revision", d.revision());
                    entry.put("buildKey", d.buildKey());
                    entry.put("deploymentKey", d.deploymentKey());
                    entry.put("deploymentDateTime", d.at().toString());
                    entry.putNull("description");
                    entry.putNull("iconUrl");
                    entry.put("deploymentUserId", "simulator");
                    entry.putNull("url");
                    entry.putNull("tag");
                    entry.putNull("taggingUserKey");
                    entry.putNull("taggingDateTime");
                    entry.put("portfolioKey", PORTFOLIO_KEY);
                });
        return node;
    }
}

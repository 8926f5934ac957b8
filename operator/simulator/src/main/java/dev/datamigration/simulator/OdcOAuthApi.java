package dev.datamigration.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The ODC identity provider's public part: OIDC discovery at {@value #DISCOVERY} and the token endpoint it announces
 * (default {@value #TOKEN}; {@code odc.tokenPath} in the state moves it), client-credentials grant with
 * {@code client_id}/{@code client_secret} in the form body.
 */
final class OdcOAuthApi implements SimulatedApi {

    static final String DISCOVERY = "/identity/.well-known/openid-configuration";
    static final String TOKEN = "/identity/connect/token";

    private final OdcWorld world;
    private final String baseUrl;

    OdcOAuthApi(OdcWorld world, String baseUrl) {
        this.world = world;
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(DISCOVERY) || path.equals(world.tokenPath());
    }

    @Override
    public SimResponse handle(SimRequest request) {
        if (request.path().equals(DISCOVERY)) {
            if (!"GET".equals(request.method())) {
                return SimResponse.oauthError(405, "invalid_request", "use GET");
            }
            ObjectNode body = SimResponse.JSON.createObjectNode();
            body.put("issuer", baseUrl + "/identity");
            body.put("token_endpoint", baseUrl + world.tokenPath());
            body.putArray("grant_types_supported").add("client_credentials");
            body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post");
            return SimResponse.json(200, body);
        }
        if (!"POST".equals(request.method())) {
            return SimResponse.oauthError(405, "invalid_request", "use POST");
        }
        if (request.contentType() == null || !request.contentType().startsWith("application/x-www-form-urlencoded")) {
            return SimResponse.oauthError(400, "invalid_request",
                    "Content-Type must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form = SimRequest.parseForm(request.body());
        if (!List.of("client_credentials").equals(form.get("grant_type"))) {
            return SimResponse.oauthError(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        String clientId = first(form, "client_id");
        if (!world.validClient(clientId, first(form, "client_secret"))) {
            return SimResponse.oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        ObjectNode body = SimResponse.JSON.createObjectNode();
        body.put("access_token", world.issueToken());
        body.put("expires_in", world.tokenLifetime().toSeconds());
        body.put("token_type", "Bearer");
        return SimResponse.json(200, body);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

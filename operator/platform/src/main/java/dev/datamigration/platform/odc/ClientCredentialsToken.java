package dev.datamigration.platform.odc;

import dev.datamigration.platform.PlatformException;
import dev.datamigration.platform.http.ApiRequest;
import dev.datamigration.platform.http.ApiResponse;
import dev.datamigration.platform.http.Authenticator;
import dev.datamigration.platform.http.Json;
import dev.datamigration.platform.http.PlatformHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An ODC access token from the OAuth 2.0 client-credentials grant. The token endpoint is found once through OIDC
 * discovery; the token is cached and renewed shortly before {@code expires_in} runs out, or at once when an API call
 * answers 401 with it (revoked, or the clock was off).
 */
final class ClientCredentialsToken implements Authenticator {

    static final String DISCOVERY_PATH = "/identity/.well-known/openid-configuration";
    private static final Duration MAX_EARLY_RENEWAL = Duration.ofSeconds(60);

    private final PlatformHttp portal;
    private final String clientId;
    private final String clientSecret;
    private final String hint;
    private final Clock clock;

    private URI tokenEndpoint;
    private String header;
    private Instant renewAt = Instant.MIN;

    /** @param portal unauthenticated HTTP access to the ODC portal (discovery and token endpoint) */
    ClientCredentialsToken(PlatformHttp portal, String clientId, String clientSecret, String hint, Clock clock) {
        this.portal = portal;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.hint = hint;
        this.clock = clock;
    }

    @Override
    public synchronized String authorizationHeader() {
        if (header == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return header;
    }

    @Override
    public synchronized boolean renewAfterUnauthorized(String rejectedHeader) {
        if (rejectedHeader.equals(header)) {
            header = null; // the next authorizationHeader() fetches a new token
        }
        return true;
    }

    @Override
    public String credentialHint() {
        return hint;
    }

    @Override
    public String toString() {
        return "ClientCredentialsToken[" + hint + "]";
    }

    private void fetch() {
        URI endpoint = tokenEndpoint();
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        ApiRequest request = new ApiRequest("token", "POST", endpoint.getPath(), Map.of(),
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), true, false);
        ApiResponse response;
        try {
            response = portal.sendTo(endpoint, request);
        } catch (PlatformException e) {
            if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
                throw new PlatformException("ODC token endpoint " + endpoint.getPath()
                        + " refused the client credentials (HTTP " + e.status() + "): check " + hint, e.status(),
                        false, e);
            }
            throw e;
        }
        OdcModel.TokenResponse token = Json.read(response, OdcModel.TokenResponse.class,
                "ODC " + request.describe());
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw new PlatformException("ODC " + request.describe() + " returned no access_token", 200, false);
        }
        Duration lifetime = Duration.ofSeconds(token.expiresIn() == null ? 0 : Math.max(0, token.expiresIn()));
        Duration early = lifetime.dividedBy(10).compareTo(MAX_EARLY_RENEWAL) < 0 ? lifetime.dividedBy(10)
                : MAX_EARLY_RENEWAL;
        header = "Bearer " + token.accessToken();
        renewAt = clock.instant().plus(lifetime).minus(early);
    }

    private URI tokenEndpoint() {
        if (tokenEndpoint == null) {
            ApiRequest request = ApiRequest.get("discovery", DISCOVERY_PATH).unauthenticated();
            OdcModel.Discovery discovery = Json.read(portal.send(request), OdcModel.Discovery.class,
                    "ODC " + request.describe());
            if (discovery.tokenEndpoint() == null || discovery.tokenEndpoint().isBlank()) {
                throw new PlatformException("ODC " + request.describe() + " has no token_endpoint", 200, false);
            }
            tokenEndpoint = URI.create(discovery.tokenEndpoint());
        }
        return tokenEndpoint;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

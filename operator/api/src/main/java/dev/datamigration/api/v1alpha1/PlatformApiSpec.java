package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Platform API endpoints. One for both sides, or a source/target override where they differ. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlatformApiSpec {

    /** Base URL: LifeTime .../lifetimeapi/rest/v2 for O11, the ODC portal https://<org>.outsystems.dev for ODC. */
    private String url;

    /** Secret with key token (O11) or clientId and clientSecret (ODC). */
    private String credentialsSecret;

    /** Override for the source side. */
    private PlatformEndpoint source;

    /** Override for the target side. */
    private PlatformEndpoint target;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }

    public PlatformEndpoint getSource() {
        return source;
    }

    public void setSource(PlatformEndpoint source) {
        this.source = source;
    }

    public PlatformEndpoint getTarget() {
        return target;
    }

    public void setTarget(PlatformEndpoint target) {
        this.target = target;
    }
}

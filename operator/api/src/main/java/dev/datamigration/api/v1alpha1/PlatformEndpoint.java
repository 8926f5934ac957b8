package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** One platform API endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlatformEndpoint {

    /** Base URL of the API. */
    @Required
    private String url;

    /** Secret with key token (O11) or clientId and clientSecret (ODC). */
    @Required
    private String credentialsSecret;

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
}

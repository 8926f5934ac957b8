package dev.datamigration.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ODC platform as a Job sees it (ODC targets only): the portal whose Identity API holds the stage's end users,
 * and the directory of the mounted Secret with the API client's {@code clientId} and {@code clientSecret}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OdcPlatformEndpoint {

    /** The ODC portal URL, e.g. https://acme.outsystems.dev (the APIs and the OpenID discovery live below it). */
    private String portalUrl;

    /** Directory holding files clientId and clientSecret (a mounted Secret). */
    private String credentialsDir;

    /**
     * ConfigMap shared by the migration's copy Jobs: it serialises the creation of end users (one Job creates, the
     * others then find the users) and records how many were created, so each user is counted once.
     */
    private String usersConfigMap;

    public String getPortalUrl() {
        return portalUrl;
    }

    public void setPortalUrl(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    public String getCredentialsDir() {
        return credentialsDir;
    }

    public void setCredentialsDir(String credentialsDir) {
        this.credentialsDir = credentialsDir;
    }

    public String getUsersConfigMap() {
        return usersConfigMap;
    }

    public void setUsersConfigMap(String usersConfigMap) {
        this.usersConfigMap = usersConfigMap;
    }
}

package dev.datamigration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An app as it ran before its undeploy: what the redeploy deploys again. An undeployed ODC app no longer appears in
 * the stage's deployed assets, so this is recorded together with the undeploy intent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeploymentRecord {

    /** The platform's key of the app. */
    private String appKey;

    /** ODC: the build that was deployed. */
    private String buildKey;

    /** ODC: the revision that was deployed. */
    private Integer revision;

    public String getAppKey() {
        return appKey;
    }

    public void setAppKey(String appKey) {
        this.appKey = appKey;
    }

    public String getBuildKey() {
        return buildKey;
    }

    public void setBuildKey(String buildKey) {
        this.buildKey = buildKey;
    }

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }
}
